-- One-off payments (eenmalige betalingen): bijzondere bijstand (art. 35
-- Participatiewet) and the individuele inkomenstoeslag (art. 36) are decided
-- once and paid once. An approved besluit creates one (at most one per
-- besluit); the first betaalrun of vanaf_maand ('YYYY-MM', the month after
-- the decision) or later takes it up by setting betaalrun_id, once: a run
-- only takes those without one, so a rerun or a restarted run pays nobody
-- twice. It is paid when that run is released. The creditor (naam, iban)
-- is the resident or a third party (a supplier, a bewindvoerder).
-- end_to_end_id and sepa_omschrijving (the text on the bank statement: the
-- omschrijving and the zaak) are set together with betaalrun_id.

CREATE TABLE eenmalige_betalingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    besluit_id TEXT NOT NULL UNIQUE REFERENCES besluiten (id),
    bsn TEXT NOT NULL,
    bedrag BIGINT NOT NULL,
    iban TEXT NOT NULL,
    naam TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    regeling TEXT NOT NULL,
    vanaf_maand TEXT NOT NULL,
    betaalrun_id TEXT REFERENCES betaalruns (id),
    end_to_end_id TEXT,
    sepa_omschrijving TEXT,
    created_at TEXT NOT NULL
);
-- A run looks for those of its gemeente not yet taken up.
CREATE INDEX eenmalige_betalingen_open ON eenmalige_betalingen (gemeente_code, betaalrun_id, vanaf_maand);
CREATE INDEX eenmalige_betalingen_run ON eenmalige_betalingen (betaalrun_id);
CREATE INDEX eenmalige_betalingen_zaak ON eenmalige_betalingen (zaak_id);
