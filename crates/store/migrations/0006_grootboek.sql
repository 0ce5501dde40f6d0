-- The facts a running benefit is computed from, and the income residents
-- report per month. The month ledger is computed from these and the
-- payments, so a correction of an earlier month shows at once.

-- The household as the rules read it (gbi_rules::Huishouden, JSON), fixed
-- when the toekenning was approved; NULL for a fixed monthly amount.
ALTER TABLE uitkeringen ADD COLUMN huishouden TEXT;

CREATE TABLE inkomstenopgaven (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    uitkering_id TEXT NOT NULL REFERENCES uitkeringen (id),
    maand TEXT NOT NULL,
    arbeid_cents BIGINT NOT NULL,
    overig_cents BIGINT NOT NULL,
    document_id TEXT REFERENCES documenten (id),
    door TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- The latest report of a month counts; earlier ones stay as history.
CREATE INDEX inkomstenopgaven_uitkering ON inkomstenopgaven (uitkering_id, maand, created_at);
