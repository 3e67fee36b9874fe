-- ratecard schema, version 5: actual usage from the clouds' exports (issue 18).
-- Money is exact decimal text, as in the rate table; days are YYYY-MM-DD.

-- One row per import of one usage export file.
CREATE TABLE usageImport (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sourceUri TEXT NOT NULL,
  format TEXT NOT NULL,
  -- What a re-export replaces: the format and the billing account (or, for invocation logs, the file).
  sourceKey TEXT NOT NULL,
  -- The billing month the file holds (YYYY-MM).
  month TEXT NOT NULL,
  contentSha256 TEXT NOT NULL,
  -- The reader's version: a re-import is "unchanged" only when both hash and this match.
  readerKey TEXT NOT NULL,
  startedAt TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status = 'ok' OR status = 'unchanged' OR status = 'replaced'),
  currency TEXT NOT NULL DEFAULT '',
  linesRead INTEGER NOT NULL DEFAULT 0,
  tokenLines INTEGER NOT NULL DEFAULT 0,
  matchedLines INTEGER NOT NULL DEFAULT 0,
  unmatchedLines INTEGER NOT NULL DEFAULT 0,
  otherLines INTEGER NOT NULL DEFAULT 0,
  unreconciledLines INTEGER NOT NULL DEFAULT 0,
  tokens TEXT NOT NULL DEFAULT '0',
  requests INTEGER NOT NULL DEFAULT 0,
  -- Billed cost of the token lines; list cost of the matched token lines as of each line's day.
  billedTokenCost TEXT NOT NULL DEFAULT '0',
  listCost TEXT NOT NULL DEFAULT '0',
  -- JSON objects: unmatched reason -> lines; category -> lines; category -> billed cost.
  unmatchedReasons TEXT NOT NULL DEFAULT '{}',
  otherCounts TEXT NOT NULL DEFAULT '{}',
  billedByCategory TEXT NOT NULL DEFAULT '{}',
  -- The import whose lines this one replaced (a re-export of the same source and month).
  replacedImportId INTEGER REFERENCES usageImport (id)
);
CREATE INDEX usageImport_source ON usageImport (sourceKey, month, id);
CREATE INDEX usageImport_hash ON usageImport (contentSha256);

-- Usage aggregated per day x account x tags x provider x service x SKU / meter x region x rate
-- (and, for invocation logs, meter and caller). Only the lines of each source's latest import of
-- a month are kept.
CREATE TABLE usage (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  importId INTEGER NOT NULL REFERENCES usageImport (id),
  sourceKey TEXT NOT NULL,
  month TEXT NOT NULL,
  day TEXT NOT NULL,
  account TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '{}',
  app TEXT NOT NULL DEFAULT '',
  caller TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL CHECK (provider = 'aws' OR provider = 'azure'),
  service TEXT NOT NULL,
  category TEXT NOT NULL
    CHECK (category = 'token' OR category = 'non-token' OR category = 'other-service' OR category = 'tax'
      OR category = 'credit' OR category = 'refund' OR category = 'discount' OR category = 'fee'),
  status TEXT NOT NULL DEFAULT '' CHECK (status = 'matched' OR status = 'unmatched' OR status = ''),
  reason TEXT NOT NULL DEFAULT '',
  sku TEXT NOT NULL DEFAULT '',
  sheetKey TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  rateId INTEGER REFERENCES rate (id),
  model TEXT,
  meter TEXT,
  tier TEXT,
  scope TEXT,
  variant TEXT,
  ratePrice TEXT,
  unit TEXT NOT NULL DEFAULT '',
  quantity TEXT NOT NULL DEFAULT '0',
  tokens INTEGER NOT NULL DEFAULT 0,
  requests INTEGER,
  billedCost TEXT,
  listCost TEXT,
  currency TEXT NOT NULL DEFAULT '',
  lines INTEGER NOT NULL DEFAULT 0,
  unreconciledLines INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX usage_import ON usage (importId);
CREATE INDEX usage_month ON usage (month, provider);
