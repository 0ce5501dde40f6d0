-- The collective supplementary health insurance (gemeentepolis,
-- Participatiewet art. 35, derde lid): a resident signs up in the portal,
-- choosing a package of the gemeente's policy, declaring that the
-- household's income is below the policy's limit, and optionally naming a
-- partner (by BSN) to insure too. No zaak and no decision per person: the
-- gemeente sends the sign-ups to the insurer (CSV export, see
-- docs/formats/collectieve-zorgverzekering-csv.md).
--
-- A sign-up is never deleted: stopping (afmelden) sets afgemeld_op and the
-- last day of cover, so the insurer's file can end it. At most one active
-- sign-up (afgemeld_op IS NULL) per resident per gemeente.

CREATE TABLE zorgverzekering_aanmeldingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    naam TEXT NOT NULL,
    partner_bsn TEXT,
    pakket_code TEXT NOT NULL,
    pakket_naam TEXT NOT NULL,
    inkomen_verklaard BIGINT NOT NULL,
    ingangsdatum TEXT NOT NULL,
    aangemeld_op TEXT NOT NULL,
    afgemeld_op TEXT,
    einddatum TEXT
);
CREATE UNIQUE INDEX zorgverzekering_aanmeldingen_actief ON zorgverzekering_aanmeldingen (gemeente_code, bsn) WHERE afgemeld_op IS NULL;
CREATE INDEX zorgverzekering_aanmeldingen_partner ON zorgverzekering_aanmeldingen (gemeente_code, partner_bsn);
CREATE INDEX zorgverzekering_aanmeldingen_lijst ON zorgverzekering_aanmeldingen (gemeente_code, aangemeld_op);
