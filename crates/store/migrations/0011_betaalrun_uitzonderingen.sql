-- Payments a gemeente can run: the name on the gemeente's own account (the
-- debtor of the SEPA file, next to iban and bic of 0005), and the months a
-- betaalrun could not compute. Such a month is never skipped silently: it is
-- an exception on the run (shown when approving) and a task for a person.

ALTER TABLE gemeenten ADD COLUMN rekening_naam TEXT;

CREATE TABLE betaalrun_uitzonderingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    betaalrun_id TEXT NOT NULL REFERENCES betaalruns (id),
    uitkering_id TEXT NOT NULL REFERENCES uitkeringen (id),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    maand TEXT NOT NULL,
    naam TEXT NOT NULL,
    reden TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (betaalrun_id, uitkering_id)
);
CREATE INDEX betaalrun_uitzonderingen_run ON betaalrun_uitzonderingen (betaalrun_id);
