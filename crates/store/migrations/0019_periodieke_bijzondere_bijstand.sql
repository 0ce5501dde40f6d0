-- A periodic toekenning of bijzondere bijstand (art. 35 Participatiewet)
-- runs as a benefit with a fixed amount and an end date, paid to whom the
-- decision names: often a bewindvoerder, not the resident. The name on the
-- payment (the SEPA creditor) is stored with the benefit; NULL: the
-- applicant, as before.

ALTER TABLE uitkeringen ADD COLUMN begunstigde_naam TEXT;
