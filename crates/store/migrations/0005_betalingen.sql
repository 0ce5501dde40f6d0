-- Payments: the gemeente's own account, monthly payment runs and the
-- payments in them. A benefit is paid at most once per month: the unique
-- key makes a rerun (or a run restarted after a crash) pay nobody twice.

ALTER TABLE gemeenten ADD COLUMN iban TEXT;
ALTER TABLE gemeenten ADD COLUMN bic TEXT;

CREATE TABLE betaalruns (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    maand TEXT NOT NULL,
    status TEXT NOT NULL,
    aantal BIGINT NOT NULL DEFAULT 0,
    totaal BIGINT NOT NULL DEFAULT 0,
    aangemaakt_door TEXT NOT NULL,
    goedgekeurd_door TEXT,
    sepa_msg_id TEXT,
    sepa TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (gemeente_code, maand)
);

CREATE TABLE betalingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    betaalrun_id TEXT NOT NULL REFERENCES betaalruns (id),
    uitkering_id TEXT NOT NULL REFERENCES uitkeringen (id),
    maand TEXT NOT NULL,
    bedrag BIGINT NOT NULL,
    iban TEXT NOT NULL,
    naam TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    end_to_end_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (uitkering_id, maand)
);
CREATE INDEX betalingen_run ON betalingen (betaalrun_id);
-- The run walks the running benefits of a gemeente in id order.
CREATE INDEX uitkeringen_betaalrun ON uitkeringen (gemeente_code, status, id);
