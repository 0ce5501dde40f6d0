-- A resident's portal session opened by someone acting for them, as their
-- login established it: a gemachtigde through DigiD Machtigen (by BSN), or
-- an organisation through eHerkenning (by KvK number or RSIN, and the
-- opaque id of its employee). All NULL: the resident themselves.
ALTER TABLE inwoner_sessies ADD COLUMN vertegenwoordiger_soort TEXT;
ALTER TABLE inwoner_sessies ADD COLUMN vertegenwoordiger_id TEXT;
ALTER TABLE inwoner_sessies ADD COLUMN vertegenwoordiger_organisatie TEXT;
