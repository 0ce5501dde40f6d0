-- A hersteltermijn asks for documents and questions; each is its own item
-- for the resident. Documents are known by their type and upload time; the
-- answers to questions are kept here, one current answer per question (a new
-- answer replaces the old one while the hersteltermijn is open).

CREATE TABLE hersteltermijn_antwoorden (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    hersteltermijn_id TEXT NOT NULL REFERENCES hersteltermijnen (id),
    vraag BIGINT NOT NULL,
    antwoord TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX hersteltermijn_antwoorden_h ON hersteltermijn_antwoorden (gemeente_code, hersteltermijn_id, vraag);
