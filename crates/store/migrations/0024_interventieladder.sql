-- The rest of the interventieladder on a claim that is not offset, and the
-- ways a debtor pays it off.
--
-- dwangbevel_op: the day a person issued the dwangbevel (Awb 4:114, art.
-- 60, tweede lid, Participatiewet), made known by post (art. 60, vijfde
-- lid); dwangbevel_door: who; dwangbevel_motivering: why this step and not
-- a payment arrangement.
ALTER TABLE vorderingen ADD COLUMN dwangbevel_op TEXT;
ALTER TABLE vorderingen ADD COLUMN dwangbevel_door TEXT;
ALTER TABLE vorderingen ADD COLUMN dwangbevel_motivering TEXT;

-- An aflossing: how a claim that is not offset is paid off each month,
-- always within the beslagvrije voet (Rv 475c-475e).
-- wijze: 'betalingsregeling' (an aflossingsafspraak with the debtor) or
-- 'derdenbeslag' (art. 60, vijfde lid, with Rv 479g, after a dwangbevel).
-- derde: the third party of a derdenbeslag (werkgever, uitkeringsinstantie).
-- invoer: the facts the beslagvrije voet was computed from, as the rules
-- read them; beslagvrije_voet, afloscapaciteit, bedrag_per_maand in cents.
-- status: 'lopend' or 'beeindigd'; at most one lopend per claim.
CREATE TABLE aflossingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    vordering_id TEXT NOT NULL REFERENCES vorderingen (id),
    bsn TEXT NOT NULL,
    wijze TEXT NOT NULL,
    derde TEXT,
    derde_adres TEXT,
    bedrag_per_maand BIGINT NOT NULL,
    eerste_termijn TEXT NOT NULL,
    invoer TEXT NOT NULL,
    beslagvrije_voet BIGINT NOT NULL,
    afloscapaciteit BIGINT NOT NULL,
    motivering TEXT NOT NULL,
    status TEXT NOT NULL,
    door TEXT NOT NULL,
    created_at TEXT NOT NULL,
    beeindigd_op TEXT,
    beeindigd_door TEXT
);
CREATE INDEX aflossingen_vordering ON aflossingen (vordering_id);

-- A kwijtschelding that is part of a schuldregeling (debt arrangement):
-- art. 60c Participatiewet forbids it for a claim of opzet or grove schuld
-- with a boete or an aangifte; art. 18a, dertiende lid, allows it for a
-- boete without opzet or grove schuld. 1 = yes.
ALTER TABLE kwijtscheldingen ADD COLUMN schuldregeling INTEGER NOT NULL DEFAULT 0;
