-- ratecard schema, version 3: the cost engine's rate table, cached (issue 7).
--
-- One row: the rates the engine's offer book uses at the current snapshot, encoded compactly
-- (see EngineRatePayload), under a key naming the rate state, the catalogue and the payload format
-- it was built from. A command that finds a different key rebuilds the payload from the rate table
-- and replaces the row; the row is only a cache and can be deleted at any time.
CREATE TABLE engineCache (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cacheKey TEXT NOT NULL,
  payload BLOB NOT NULL,
  builtAt TEXT NOT NULL
);
