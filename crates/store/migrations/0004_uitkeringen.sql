-- The running benefit that a toekenning creates, for the monthly payments.

CREATE TABLE uitkeringen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL UNIQUE REFERENCES zaken (id),
    bsn TEXT NOT NULL,
    regeling TEXT NOT NULL,
    ingangsdatum TEXT NOT NULL,
    einddatum TEXT,
    bedrag_per_maand BIGINT NOT NULL,
    iban TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX uitkeringen_gemeente ON uitkeringen (gemeente_code, status);
