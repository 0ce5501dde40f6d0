-- Machtigingen: a helper (gemachtigde) asks in the portal to act for another
-- person (the vertegenwoordigde); staff check it outside GBI (a signed
-- machtiging, a phone call to the person) and confirm or refuse it. Only a
-- confirmed (geverifieerd) machtiging gives the helper access to the other
-- person's data. Awb art. 2:1.

CREATE TABLE machtigingen (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (gemeente_code),
    vertegenwoordigde_bsn TEXT NOT NULL,
    gemachtigde_bsn TEXT NOT NULL,
    gemachtigde_naam TEXT NOT NULL,
    relatie TEXT NOT NULL,
    status TEXT NOT NULL,
    beoordeeld_door TEXT,
    beoordeeld_at TEXT,
    toelichting TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX machtigingen_gemachtigde ON machtigingen (gemeente_code, gemachtigde_bsn, status);
CREATE INDEX machtigingen_status ON machtigingen (gemeente_code, status, created_at);
