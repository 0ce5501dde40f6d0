-- Boete or waarschuwing for a breach of the inlichtingenplicht (art. 18a
-- Participatiewet, Boetebesluit socialezekerheidswetten), always a
-- separate decision by a person with four eyes, after hoor en wederhoor.
-- terugvordering_id: the 58-1 terugvordering whose breach it punishes (one
-- boete decision per terugvordering). invoer: the facts a person judged
-- (the degree of blame, recidive, an earlier warning, self-correction,
-- dringende redenen, the day of the breach), as the rules read them.
-- uitkomst: 'boete', 'waarschuwing' or 'geen'; bedrag in eurocents.
-- zienswijze and zienswijze_datum: what the resident said and when.
-- status: 'voorgesteld', 'goedgekeurd', 'teruggestuurd'.
CREATE TABLE boetes (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    terugvordering_id TEXT NOT NULL REFERENCES terugvorderingen (id),
    invoer TEXT NOT NULL,
    benadelingsbedrag BIGINT NOT NULL,
    uitkomst TEXT NOT NULL,
    bedrag BIGINT NOT NULL,
    zienswijze TEXT NOT NULL,
    zienswijze_datum TEXT NOT NULL,
    motivering TEXT NOT NULL,
    status TEXT NOT NULL,
    voorgesteld_door TEXT NOT NULL,
    voorgesteld_op TEXT NOT NULL,
    beoordeeld_door TEXT,
    beoordeeld_op TEXT,
    opmerking TEXT
);
CREATE INDEX boetes_terugvordering ON boetes (terugvordering_id);

-- The claim an approved boete writes.
ALTER TABLE vorderingen ADD COLUMN boete_id TEXT;
