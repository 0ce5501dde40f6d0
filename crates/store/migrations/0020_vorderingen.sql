-- Claims (vorderingen) of the gemeente on a resident. A loan of bijzondere
-- bijstand (art. 48, tweede lid, art. 51 Participatiewet) writes one in the
-- transaction that approves its besluit (one per besluit). soort says what
-- kind of claim it is: 'lening' now; 'terugvordering' (art. 58) and
-- 'verhaal' (art. 61-62) fit the same row. grondslag is the article text as
-- the letter cites it. hoofdsom and open_bedrag are eurocents; open_bedrag
-- starts at hoofdsom and only collection (issue 18) lowers it. status is
-- 'open' until collection sets another ('afgelost', 'kwijtgescholden', …).
-- ingangsdatum is the day the claim starts (the decision's date, ISO).

CREATE TABLE vorderingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    besluit_id TEXT NOT NULL UNIQUE REFERENCES besluiten (id),
    soort TEXT NOT NULL,
    grondslag TEXT NOT NULL,
    hoofdsom BIGINT NOT NULL,
    open_bedrag BIGINT NOT NULL,
    status TEXT NOT NULL,
    ingangsdatum TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX vorderingen_inwoner ON vorderingen (gemeente_code, bsn);
CREATE INDEX vorderingen_zaak ON vorderingen (zaak_id);

-- Whether a one-off payment goes to a third party (a supplier, a
-- bewindvoerder) rather than to the resident (1) or not (0): the monthly
-- specification says to whom it was paid.
ALTER TABLE eenmalige_betalingen ADD COLUMN derde BIGINT NOT NULL DEFAULT 0;
