-- Terug- en invordering (Participatiewet art. 58-60, Awb titel 4.4), in the
-- words of the GGM's Terug- en invordering model.
--
-- vorderingen is rebuilt so a claim can come of a terugvordering as well as
-- of a besluit on an application (a loan): besluit_id may be empty, and
-- terugvordering_id names the terugvordering it comes of. verrekenen says
-- whether the claim is offset against the running benefit (art. 60-3/60-4).
-- betalen_voor is the payment term (Awb 4:87), betalingskenmerk what the
-- resident writes with a transfer.
CREATE TABLE vorderingen_nieuw (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    besluit_id TEXT UNIQUE REFERENCES besluiten (id),
    terugvordering_id TEXT UNIQUE,
    soort TEXT NOT NULL,
    grondslag TEXT NOT NULL,
    hoofdsom BIGINT NOT NULL,
    open_bedrag BIGINT NOT NULL,
    status TEXT NOT NULL,
    ingangsdatum TEXT NOT NULL,
    verrekenen BIGINT NOT NULL DEFAULT 0,
    betalen_voor TEXT,
    betalingskenmerk TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO vorderingen_nieuw (id, gemeente_code, bsn, zaak_id, besluit_id, soort, grondslag, hoofdsom, open_bedrag, status, ingangsdatum, created_at)
    SELECT id, gemeente_code, bsn, zaak_id, besluit_id, soort, grondslag, hoofdsom, open_bedrag, status, ingangsdatum, created_at FROM vorderingen;
DROP TABLE vorderingen;
ALTER TABLE vorderingen_nieuw RENAME TO vorderingen;
CREATE INDEX vorderingen_inwoner ON vorderingen (gemeente_code, bsn);
CREATE INDEX vorderingen_zaak ON vorderingen (zaak_id);

-- The terugvorderingsverzoek (the hand-over from the ledger that found an
-- overpayment) and the decision a person makes on it, with four eyes.
-- status: 'verzoek' (a person must look), 'voorgesteld' (waits for a second
-- person), 'teruggestuurd' (back to the first), 'besloten' (a claim was
-- made), 'afgezien' (decided not to reclaim, with a reason).
-- grond: '58-1', '58-2-a' … '58-2-f'. aanleiding: how the overpayment came
-- to light ('inkomsten', 'wijziging', 'handhaving'). gemeente_te_laat: the
-- gemeente itself processed a known change late.
CREATE TABLE terugvorderingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    uitkering_id TEXT NOT NULL REFERENCES uitkeringen (id),
    status TEXT NOT NULL,
    aanleiding TEXT NOT NULL,
    grond TEXT,
    motivering TEXT,
    gemeente_te_laat BIGINT NOT NULL DEFAULT 0,
    verrekenen BIGINT NOT NULL DEFAULT 0,
    totaal BIGINT NOT NULL DEFAULT 0,
    voorgesteld_door TEXT,
    voorgesteld_op TEXT,
    beoordeeld_door TEXT,
    beoordeeld_op TEXT,
    opmerking TEXT,
    besluitdatum TEXT,
    created_at TEXT NOT NULL,
    versie BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX terugvorderingen_status ON terugvorderingen (gemeente_code, status);
CREATE INDEX terugvorderingen_uitkering ON terugvorderingen (uitkering_id);

-- Vorderingscomponent: the overpayment of one rechtmaand in a terugvordering
-- (net; gross where the calendar year has closed, art. 58-5), eurocents.
CREATE TABLE vorderingscomponenten (
    terugvordering_id TEXT NOT NULL REFERENCES terugvorderingen (id),
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    rechtmaand TEXT NOT NULL,
    netto BIGINT NOT NULL,
    bruto BIGINT,
    PRIMARY KEY (terugvordering_id, rechtmaand)
);

-- What changed the open amount of a claim: a payment received, an amount
-- offset by a betaalrun (verrekening, with the run and month), a
-- kwijtschelding. bedrag is eurocents and lowers the open amount.
-- One verrekening per claim per month.
CREATE TABLE vorderingsmutaties (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    vordering_id TEXT NOT NULL REFERENCES vorderingen (id),
    soort TEXT NOT NULL,
    bedrag BIGINT NOT NULL,
    datum TEXT NOT NULL,
    maand TEXT,
    uitkering_id TEXT,
    betaalrun_id TEXT,
    kwijtschelding_id TEXT,
    beslagvrije_voet BIGINT,
    door TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX vorderingsmutaties_vordering ON vorderingsmutaties (vordering_id);
CREATE UNIQUE INDEX vorderingsmutaties_verrekening ON vorderingsmutaties (vordering_id, maand, soort);

-- Kwijtschelding (art. 58-7, 58-8 Participatiewet; Awb 4:94a) with four
-- eyes. status: 'voorgesteld', 'goedgekeurd', 'teruggestuurd'.
-- grond: '58-7-a' … '58-7-d', '58-8', 'awb-4:94a'.
CREATE TABLE kwijtscheldingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    vordering_id TEXT NOT NULL REFERENCES vorderingen (id),
    grond TEXT NOT NULL,
    bedrag BIGINT NOT NULL,
    motivering TEXT NOT NULL,
    status TEXT NOT NULL,
    voorgesteld_door TEXT NOT NULL,
    voorgesteld_op TEXT NOT NULL,
    beoordeeld_door TEXT,
    beoordeeld_op TEXT,
    opmerking TEXT
);
CREATE INDEX kwijtscheldingen_vordering ON kwijtscheldingen (vordering_id);
