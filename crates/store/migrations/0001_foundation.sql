-- Foundation: municipalities, staff and sessions, the client register, and
-- the processing log. Every table but schema_migrations has gemeente_code.
-- Written in the SQL that SQLite and PostgreSQL share; {{BLOB}} is the one
-- dialect token (BLOB / BYTEA). Times are UTC RFC 3339 text, money is BIGINT cents.

CREATE TABLE gemeenten (
    gemeente_code TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    demo BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE medewerkers (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    gebruikersnaam TEXT NOT NULL UNIQUE,
    naam TEXT NOT NULL,
    rollen TEXT NOT NULL,
    wachtwoord_hash TEXT NOT NULL,
    actief BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX medewerkers_gemeente ON medewerkers (gemeente_code);

CREATE TABLE sessies (
    token_hash TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    medewerker_id TEXT NOT NULL REFERENCES medewerkers (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE inwoners (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    naam TEXT NOT NULL,
    email TEXT,
    telefoon TEXT,
    iban TEXT,
    versie BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (gemeente_code, bsn)
);

-- Logboek Dataverwerkingen: one row per processing of a resident's data,
-- a hash chain per gemeente. The data subject is a keyed hash, never the BSN.
CREATE TABLE verwerkingen (
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    seq BIGINT NOT NULL,
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    parent_span_id TEXT,
    naam TEXT NOT NULL,
    verwerkingsactiviteit TEXT NOT NULL,
    handeling TEXT NOT NULL,
    actor TEXT NOT NULL,
    betrokkene TEXT NOT NULL,
    betrokkene_type TEXT NOT NULL,
    status TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    vorige_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (gemeente_code, seq)
);
CREATE INDEX verwerkingen_betrokkene ON verwerkingen (gemeente_code, betrokkene);

CREATE TABLE verwerkingen_kop (
    gemeente_code TEXT PRIMARY KEY REFERENCES gemeenten (gemeente_code),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
