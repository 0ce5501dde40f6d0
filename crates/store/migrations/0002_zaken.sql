-- Zaakgericht werken and the resident portal: drafts, zaken with status
-- history, rollen, documents, tasks, inbox, outgoing mail, background work,
-- register snapshots and pre-assessments.

CREATE TABLE inwoner_sessies (
    token_hash TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    naam TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE concepten (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    antwoorden TEXT NOT NULL,
    kanaal TEXT NOT NULL,
    gemachtigde_bsn TEXT,
    zaak_id TEXT,
    versie BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX concepten_bsn ON concepten (gemeente_code, bsn);

CREATE TABLE zaaknummers (
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    jaar BIGINT NOT NULL,
    laatste BIGINT NOT NULL,
    PRIMARY KEY (gemeente_code, jaar)
);

CREATE TABLE zaken (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    identificatie TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    bsn TEXT NOT NULL,
    kanaal TEXT NOT NULL,
    status TEXT NOT NULL,
    registratiedatum TEXT NOT NULL,
    termijn TEXT NOT NULL,
    zoektermijn_einde TEXT,
    voorschot_uiterlijk TEXT,
    aanvraag TEXT NOT NULL,
    concept_id TEXT NOT NULL UNIQUE,
    resultaat TEXT,
    einddatum TEXT,
    versie BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (gemeente_code, identificatie)
);
CREATE INDEX zaken_bsn ON zaken (gemeente_code, bsn);

CREATE TABLE zaak_statussen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    statustype TEXT NOT NULL,
    toelichting TEXT,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX zaak_statussen_zaak ON zaak_statussen (zaak_id);

CREATE TABLE zaak_rollen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    roltype TEXT NOT NULL,
    bsn TEXT,
    medewerker_id TEXT,
    naam TEXT NOT NULL,
    toelichting TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX zaak_rollen_zaak ON zaak_rollen (zaak_id);
CREATE INDEX zaak_rollen_bsn ON zaak_rollen (gemeente_code, bsn);

CREATE TABLE documenten (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    concept_id TEXT,
    zaak_id TEXT,
    informatieobjecttype TEXT NOT NULL,
    bestandsnaam TEXT NOT NULL,
    mime TEXT NOT NULL,
    grootte BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    inhoud {{BLOB}} NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX documenten_concept ON documenten (concept_id);
CREATE INDEX documenten_zaak ON documenten (zaak_id);

CREATE TABLE taken (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    voor TEXT NOT NULL,
    soort TEXT NOT NULL,
    titel TEXT NOT NULL,
    toelichting TEXT,
    deadline TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    afgerond_at TEXT
);
CREATE INDEX taken_zaak ON taken (zaak_id);

CREATE TABLE berichten (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    zaak_id TEXT,
    onderwerp TEXT NOT NULL,
    tekst TEXT NOT NULL,
    document_id TEXT,
    gelezen BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX berichten_bsn ON berichten (gemeente_code, bsn);

CREATE TABLE mails (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    aan TEXT NOT NULL,
    onderwerp TEXT NOT NULL,
    tekst TEXT NOT NULL,
    status TEXT NOT NULL,
    pogingen BIGINT NOT NULL DEFAULT 0,
    laatste_fout TEXT,
    created_at TEXT NOT NULL,
    verzonden_at TEXT
);

CREATE TABLE werk (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    soort TEXT NOT NULL,
    status TEXT NOT NULL,
    pogingen BIGINT NOT NULL DEFAULT 0,
    volgende_poging TEXT NOT NULL,
    laatste_fout TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (zaak_id, soort)
);
CREATE INDEX werk_wachtend ON werk (status, volgende_poging);

CREATE TABLE bron_snapshots (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    bron TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    herkomst TEXT NOT NULL,
    opgehaald_op TEXT NOT NULL
);
CREATE INDEX bron_snapshots_zaak ON bron_snapshots (zaak_id);

CREATE TABLE beoordelingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    zaak_id TEXT NOT NULL REFERENCES zaken (id),
    uitkomst TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX beoordelingen_zaak ON beoordelingen (zaak_id);
