-- The looplijst writes a million records of the processing log in one run;
-- on PostgreSQL each row's checks dominated that write.
--
-- The log is looked up per data subject by equality only. On PostgreSQL a
-- hash index serves that at a fraction of a B-tree's cost per insert
-- (random keyed hashes split B-tree pages all over). SQLite keeps a B-tree.
DROP INDEX verwerkingen_betrokkene;
CREATE INDEX verwerkingen_betrokkene ON verwerkingen {{USING_HASH}} (betrokkene);
-- A record's gemeente is already checked once per write: records are only
-- written after taking the gemeente's chain head (verwerkingen_kop), whose
-- own foreign key holds. The per-row check of the same fact cost more than
-- the rest of the write together. (SQLite checks in-process, cheaply, and
-- cannot drop a constraint without rebuilding the table.)
{{POSTGRES}}ALTER TABLE verwerkingen DROP CONSTRAINT IF EXISTS verwerkingen_gemeente_code_fkey;
-- A resident's log is also what others did as their gemachtigde. Only those
-- records are indexed by actor: the bulk of the log (staff, the system)
-- costs this index nothing.
CREATE INDEX verwerkingen_gemachtigde ON verwerkingen (actor) WHERE actor LIKE 'gemachtigde:%';
