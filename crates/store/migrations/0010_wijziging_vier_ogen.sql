-- Four eyes on a change of circumstances: the facts a caseworker records
-- are a proposal until a second person approves them. Only approved
-- versions count in the ledger and the betaalrun.
ALTER TABLE uitkering_feiten ADD COLUMN status TEXT NOT NULL DEFAULT 'goedgekeurd';
ALTER TABLE uitkering_feiten ADD COLUMN beoordeeld_door TEXT;
ALTER TABLE uitkering_feiten ADD COLUMN beoordeeld_at TEXT;
ALTER TABLE uitkering_feiten ADD COLUMN opmerking TEXT;
