-- Electronic delivery needs consent (Awb art. 2:14, eerste lid): a decision
-- only placed in the resident's online inbox counts as sent only when the
-- resident made known that they can be reached that way. Every choice is
-- kept (a new row, never an update), so what held when a letter was made can
-- be shown later; the newest row counts.
--
-- Without consent a letter also goes on paper: the print queue
-- (printwachtrij) lists it for functioneel beheer until someone records
-- that it was posted; the bezwaar term runs from that day (Awb 6:8).

CREATE TABLE toestemmingen_elektronisch (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    toestemming BIGINT NOT NULL,
    bron TEXT NOT NULL,
    vastgelegd_op TEXT NOT NULL
);
CREATE INDEX toestemmingen_elektronisch_bsn ON toestemmingen_elektronisch (gemeente_code, bsn, vastgelegd_op);

CREATE TABLE printwachtrij (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    document_id TEXT NOT NULL REFERENCES documenten (id),
    soort TEXT NOT NULL,
    naam TEXT NOT NULL,
    created_at TEXT NOT NULL,
    verzonden_op TEXT,
    verzonden_door TEXT,
    UNIQUE (document_id)
);
CREATE INDEX printwachtrij_open ON printwachtrij (gemeente_code, verzonden_op, created_at);
