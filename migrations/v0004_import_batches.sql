-- ratecard schema, version 4: import batches and forgotten sources (issue 16).
--
-- One `ratecard import` command is one batch: every import run it records (one per source: ok,
-- unchanged, failed or refused) carries the batch's id, so `--as-of batch:N` and
-- `diff --from batch:N` name the state right after a whole command. Runs recorded before this
-- migration have no batch. A batch row is written with the command's first run, so a command
-- that records nothing (a path that does not exist) leaves no batch.
CREATE TABLE importBatch (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  startedAt TEXT NOT NULL,
  -- The ratecard version that ran the command (`ratecard --version`).
  ratecardVersion TEXT NOT NULL,
  -- The command's sources as given, space-separated.
  sources TEXT NOT NULL
);
ALTER TABLE importRun ADD COLUMN batchId INTEGER REFERENCES importBatch (id);
CREATE INDEX importRun_batch ON importRun (batchId);

-- `ratecard forget SOURCE`: the source (a coverage key, or the URI of attempts that failed before
-- their source was known) is left out of `ratecard status` while its last run is at most
-- `throughRunId`; a later import of it shows again. Its runs stay in `importRun`.
CREATE TABLE forgottenSource (
  source TEXT PRIMARY KEY,
  throughRunId INTEGER NOT NULL,
  forgottenAt TEXT NOT NULL
);
