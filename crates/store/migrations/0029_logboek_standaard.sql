-- Logboek Dataverwerkingen after the Logius standard: per record the version
-- of GBI that wrote it (`resource`), the operation of another application
-- that started it (`dpl.core.foreign_operation`), and for a failed
-- processing the error (`exception.message`). Older records have none of
-- these; their seal is unchanged.
ALTER TABLE verwerkingen ADD COLUMN resource_version TEXT;
ALTER TABLE verwerkingen ADD COLUMN foreign_processor TEXT;
ALTER TABLE verwerkingen ADD COLUMN foreign_span_id TEXT;
ALTER TABLE verwerkingen ADD COLUMN fout TEXT;

-- How far each gemeente's records went out over OTLP to the Logboek the
-- gemeente runs: the export reads on from here, so a record written while
-- the Logboek was down goes out when it is back.
CREATE TABLE logboek_export (
    gemeente_code TEXT PRIMARY KEY,
    seq BIGINT NOT NULL
);
