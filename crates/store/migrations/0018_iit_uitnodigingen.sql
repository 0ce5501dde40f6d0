-- The monthly invitation to the individuele inkomenstoeslag (art. 36):
-- one row per resident per month invited, with the prefilled draft they
-- confirm. The unique key makes a repeated or restarted run invite nobody
-- twice in a month.

CREATE TABLE iit_uitnodigingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    bsn TEXT NOT NULL,
    maand TEXT NOT NULL,
    concept_id TEXT NOT NULL,
    bedrag BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (gemeente_code, bsn, maand)
);

-- The monthly run per gemeente: started at most once a month, by whichever
-- GBI instance on this database claims the row first.
CREATE TABLE iit_uitnodigingsrondes (
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    maand TEXT NOT NULL,
    gestart_op TEXT NOT NULL,
    PRIMARY KEY (gemeente_code, maand)
);
