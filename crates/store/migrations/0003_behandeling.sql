-- Handling zaken in the werkplek: who works on a zaak, its deadline kept
-- for ordering the work queue, notes, hersteltermijnen and decisions with
-- four eyes.

ALTER TABLE zaken ADD COLUMN behandelaar_id TEXT;
ALTER TABLE zaken ADD COLUMN uiterste_datum TEXT;
CREATE INDEX zaken_werkvoorraad ON zaken (gemeente_code, einddatum, uiterste_datum);

CREATE TABLE notities (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    medewerker_id TEXT NOT NULL,
    tekst TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notities_zaak ON notities (zaak_id);

CREATE TABLE hersteltermijnen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    gevraagd TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL,
    gevraagd_door TEXT NOT NULL,
    created_at TEXT NOT NULL,
    afgerond_at TEXT
);
CREATE INDEX hersteltermijnen_zaak ON hersteltermijnen (zaak_id);

CREATE TABLE besluiten (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    besluittype TEXT NOT NULL,
    status TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    voorgesteld_door TEXT NOT NULL,
    voorgesteld_op TEXT NOT NULL,
    beoordeeld_door TEXT,
    beoordeeld_op TEXT,
    opmerking TEXT,
    versie BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX besluiten_zaak ON besluiten (zaak_id);
