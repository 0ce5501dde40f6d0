-- Changes of circumstances (wijzigingen) a resident reports for a running
-- benefit, and the dated versions of the household facts that processing
-- them creates. The ledger uses, for each month, the latest version valid
-- from that month or earlier.

CREATE TABLE wijzigingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    uitkering_id TEXT NOT NULL REFERENCES uitkeringen (id),
    soort TEXT NOT NULL,
    datum TEXT NOT NULL,
    toelichting TEXT NOT NULL,
    status TEXT NOT NULL,
    gemeld_door TEXT NOT NULL,
    verwerkt_door TEXT,
    created_at TEXT NOT NULL,
    verwerkt_at TEXT
);
CREATE INDEX wijzigingen_uitkering ON wijzigingen (uitkering_id, status);

CREATE TABLE uitkering_feiten (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    uitkering_id TEXT NOT NULL REFERENCES uitkeringen (id),
    geldig_van TEXT NOT NULL,
    huishouden TEXT NOT NULL,
    wijziging_id TEXT REFERENCES wijzigingen (id),
    door TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX uitkering_feiten_uitkering ON uitkering_feiten (uitkering_id, geldig_van);
