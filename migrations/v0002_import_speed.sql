-- ratecard schema, version 2: a faster rate table to write (issue 7).
--
-- 1. The vocabulary CHECKs become OR chains. SQLite evaluates `x IN (three or more constants)`
--    in a CHECK by building a temporary index for the list on every inserted row; the OR chain
--    accepts exactly the same values with plain comparisons.
-- 2. Indexes no query uses are dropped: rate_model and rate_sheetModel (the model filters compare
--    COLLATE NOCASE and cannot use them), rate_identity (history sorts its matching rows; the
--    merge finds open rates through rate_current) and rate_closed (current rates are found
--    through rate_current, whose condition is `closedByRunId IS NULL`).
-- SQLite cannot change a table's CHECKs in place: the table is rebuilt with the same columns,
-- rows, ids and AUTOINCREMENT counter.

CREATE TABLE rate_v3 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider TEXT NOT NULL CHECK (provider = 'aws' OR provider = 'azure'),
  service TEXT NOT NULL,
  rateKey TEXT NOT NULL,
  sku TEXT NOT NULL,
  sheetKey TEXT NOT NULL,
  sheetModel TEXT NOT NULL,
  model TEXT,
  region TEXT NOT NULL,
  scope TEXT NOT NULL
    CHECK (scope = 'regional' OR scope = 'geo' OR scope = 'datazone' OR scope = 'global'),
  tier TEXT NOT NULL
    CHECK (tier = 'standard' OR tier = 'batch' OR tier = 'flex' OR tier = 'priority'
      OR tier = 'provisioned' OR tier = 'reserved'),
  meter TEXT NOT NULL
    CHECK (meter = 'input' OR meter = 'output' OR meter = 'cache_read' OR meter = 'cache_write'
      OR meter = 'capacity' OR meter = 'other'),
  variant TEXT NOT NULL DEFAULT '',
  commitment TEXT NOT NULL DEFAULT 'none'
    CHECK (commitment = 'none' OR commitment = '1 month' OR commitment = '3 months'
      OR commitment = '6 months' OR commitment = '1 year' OR commitment = '3 years'),
  sheetUnit TEXT NOT NULL,
  sheetPrice TEXT NOT NULL,
  unit TEXT NOT NULL,
  price TEXT NOT NULL,
  currency TEXT NOT NULL,
  effectiveFrom TEXT NOT NULL,
  effectiveTo TEXT,
  openedByRunId INTEGER NOT NULL REFERENCES importRun (id),
  closedByRunId INTEGER REFERENCES importRun (id),
  closeReason TEXT CHECK (closeReason = 'changed' OR closeReason = 'withdrawn'),
  family TEXT NOT NULL DEFAULT ''
);

INSERT INTO rate_v3 (
  id, provider, service, rateKey, sku, sheetKey, sheetModel, model, region, scope, tier, meter,
  variant, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom, effectiveTo,
  openedByRunId, closedByRunId, closeReason, family)
SELECT
  id, provider, service, rateKey, sku, sheetKey, sheetModel, model, region, scope, tier, meter,
  variant, commitment, sheetUnit, sheetPrice, unit, price, currency, effectiveFrom, effectiveTo,
  openedByRunId, closedByRunId, closeReason, family
FROM rate ORDER BY id;

-- Keep the AUTOINCREMENT counter: ids are never reused.
DELETE FROM sqlite_sequence WHERE name = 'rate_v3';
INSERT INTO sqlite_sequence (name, seq) SELECT 'rate_v3', seq FROM sqlite_sequence WHERE name = 'rate';

DROP TABLE rate;
ALTER TABLE rate_v3 RENAME TO rate;

CREATE UNIQUE INDEX rate_current ON rate (provider, service, rateKey, currency)
  WHERE closedByRunId IS NULL;
CREATE INDEX rate_opened ON rate (openedByRunId);
