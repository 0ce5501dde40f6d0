-- Lists at national scale: every werkplek list pages with a keyset on the
-- columns it sorts by, and each has an index that yields its rows in that
-- order, so a page reads only the rows it shows.

-- The zaken list: newest first.
CREATE INDEX zaken_lijst ON zaken (gemeente_code, created_at, id);

-- The work queue: open zaken, earliest deadline first; with and without
-- the status filter. An unknown deadline is '' (as the store writes it),
-- never NULL, so the keyset also passes those zaken.
UPDATE zaken SET uiterste_datum = '' WHERE uiterste_datum IS NULL AND einddatum IS NULL;
CREATE INDEX zaken_werkvoorraad_open ON zaken (gemeente_code, uiterste_datum, created_at, id) WHERE einddatum IS NULL;
CREATE INDEX zaken_werkvoorraad_status ON zaken (gemeente_code, status, uiterste_datum, created_at, id) WHERE einddatum IS NULL;
-- The applicant's name of each line.
CREATE INDEX zaak_rollen_zaak_roltype ON zaak_rollen (zaak_id, roltype, created_at);

-- Residents by name.
CREATE INDEX inwoners_naam ON inwoners (gemeente_code, naam, id);

-- The payments of a run, by name.
CREATE INDEX betalingen_run_naam ON betalingen (betaalrun_id, naam, end_to_end_id);
