-- The looplijst (proactive outreach): the opt-out register, runs with their
-- progress and funnel, and the addresses a run found. Addresses hold no BSN:
-- only names, the address and the keyed hashes of the residents (as in the
-- processing log), and are deleted when the list expires; the funnel keeps
-- counts only.

CREATE TABLE looplijst_afmeldingen (
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    betrokkene TEXT NOT NULL,
    afgemeld_op TEXT NOT NULL,
    PRIMARY KEY (gemeente_code, betrokkene)
);

CREATE TABLE looplijst_runs (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    regelingen TEXT NOT NULL,
    peildatum TEXT NOT NULL,
    catalogus TEXT NOT NULL,
    status TEXT NOT NULL,
    stap TEXT NOT NULL,
    procent BIGINT NOT NULL,
    ingezetenen BIGINT NOT NULL,
    vragen BIGINT NOT NULL,
    fout TEXT,
    gestart_door TEXT NOT NULL,
    gestart_op TEXT NOT NULL,
    klaar_op TEXT,
    verloopt_op TEXT
);
CREATE INDEX looplijst_runs_gemeente ON looplijst_runs (gemeente_code, gestart_op);
-- One busy run per gemeente, enforced by the database.
CREATE UNIQUE INDEX looplijst_runs_bezig ON looplijst_runs (gemeente_code) WHERE status = 'bezig';

CREATE TABLE looplijst_trechter (
    run_id TEXT NOT NULL REFERENCES looplijst_runs (id),
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    regeling TEXT NOT NULL,
    volgorde BIGINT NOT NULL,
    stap TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    aantal BIGINT NOT NULL,
    PRIMARY KEY (run_id, regeling, volgorde)
);

CREATE TABLE looplijst_adressen (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES looplijst_runs (id),
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    regeling TEXT NOT NULL,
    uitkomst TEXT NOT NULL,
    wijk TEXT NOT NULL,
    postcode TEXT NOT NULL,
    straat TEXT NOT NULL,
    huisnummer BIGINT NOT NULL,
    huisletter TEXT NOT NULL,
    woonplaats TEXT NOT NULL,
    namen TEXT NOT NULL,
    betrokkenen TEXT NOT NULL,
    criteria TEXT NOT NULL,
    bezoek TEXT,
    bezoek_toelichting TEXT,
    bezoek_door TEXT,
    bezoek_op TEXT
);
CREATE INDEX looplijst_adressen_lijst ON looplijst_adressen (run_id, regeling, wijk, straat, huisnummer);

-- Which outreach team walks which neighbourhood of a run.
CREATE TABLE looplijst_teams (
    run_id TEXT NOT NULL REFERENCES looplijst_runs (id),
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    wijk TEXT NOT NULL,
    team TEXT NOT NULL,
    PRIMARY KEY (run_id, wijk)
);
