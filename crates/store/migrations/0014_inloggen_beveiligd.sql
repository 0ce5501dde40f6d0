-- Every login attempt with a password, to throttle guessing per account and
-- per address (a temporary lock) and to keep failed logins on record with
-- the user name they tried. `uitkomst`: bezig, gelukt, mislukt, geblokkeerd.
CREATE TABLE inlogpogingen (
    id {{SERIAL}},
    gebruikersnaam TEXT NOT NULL,
    adres TEXT NOT NULL,
    uitkomst TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX inlogpogingen_naam ON inlogpogingen (gebruikersnaam, created_at);
CREATE INDEX inlogpogingen_adres ON inlogpogingen (adres, created_at);

-- A staff session ends after a while without use (idle timeout), besides
-- its absolute end. Sessions from before this migration count as idle.
ALTER TABLE sessies ADD COLUMN laatst_gebruikt TEXT NOT NULL DEFAULT '';
