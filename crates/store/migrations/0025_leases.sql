-- Several instances of GBI on one database (PostgreSQL).
--
-- A lease: who (holder, one running instance) may do a named piece of
-- installation-wide work (a scheduled job) until expires_at. A holder
-- renews it while it works; when it dies the lease expires and another
-- instance takes it. An instance also holds 'instance:<id>' while it runs,
-- so others can tell that work it started (a looplijst) was cut off.
-- Installation-wide bookkeeping like schema_migrations: no gemeente.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The instance that makes a looplijst: a run still 'bezig' whose instance
-- holds no lease any more was cut off.
ALTER TABLE looplijst_runs ADD COLUMN holder TEXT;

-- The instance that took a work item (for beheer, and to see a takeover).
ALTER TABLE werk ADD COLUMN holder TEXT;

-- A mail taken by a sender: holder and until when; after that another
-- instance may send it.
ALTER TABLE mails ADD COLUMN holder TEXT;
ALTER TABLE mails ADD COLUMN lease_expires_at TEXT;
