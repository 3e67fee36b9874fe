-- ratecard schema, version 1. Shipped migrations never change: add a new file instead.
-- Money is exact decimal text (GRDB has no Decimal column on Linux); dates are ISO 8601 UTC text
-- (YYYY-MM-DDTHH:MM:SSZ), which compares correctly as text.

-- One row per import attempt of one source (a sheet, or the pages of one Azure query).
CREATE TABLE importRun (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sourceKind TEXT NOT NULL CHECK (sourceKind IN ('file', 'directory', 'url')),
  sourceUri TEXT NOT NULL,
  format TEXT NOT NULL,
  -- What the sheet speaks for (provider|services|regions|currency); rates inside it that a new
  -- sheet no longer lists are withdrawn.
  coverageKey TEXT NOT NULL,
  contentSha256 TEXT NOT NULL,
  -- The reader's version and options: a re-import is "unchanged" only when both hash and this match.
  readerKey TEXT NOT NULL,
  sheetVersion TEXT,
  publicationDate TEXT,
  startedAt TEXT NOT NULL,
  finishedAt TEXT,
  rowsRead INTEGER NOT NULL DEFAULT 0,
  ratesAdded INTEGER NOT NULL DEFAULT 0,
  ratesChanged INTEGER NOT NULL DEFAULT 0,
  ratesWithdrawn INTEGER NOT NULL DEFAULT 0,
  ratesUnchanged INTEGER NOT NULL DEFAULT 0,
  rowsSkipped INTEGER NOT NULL DEFAULT 0,
  -- JSON object: reason -> count, for skipped and for unclassified rows.
  skipReasons TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('ok', 'unchanged', 'failed', 'refused')),
  message TEXT
);
CREATE INDEX importRun_coverage ON importRun (coverageKey, id);
CREATE INDEX importRun_hash ON importRun (contentSha256);

-- One row per version of a price line. A changed price closes the old row (effectiveTo,
-- closedByRunId) and opens a new one; nothing is ever deleted.
CREATE TABLE rate (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider TEXT NOT NULL CHECK (provider IN ('aws', 'azure')),
  service TEXT NOT NULL,
  rateKey TEXT NOT NULL,
  sku TEXT NOT NULL,
  sheetKey TEXT NOT NULL,
  sheetModel TEXT NOT NULL,
  model TEXT,
  region TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('regional', 'geo', 'datazone', 'global')),
  tier TEXT NOT NULL
    CHECK (tier IN ('standard', 'batch', 'flex', 'priority', 'provisioned', 'reserved')),
  meter TEXT NOT NULL
    CHECK (meter IN ('input', 'output', 'cache_read', 'cache_write', 'capacity', 'other')),
  variant TEXT NOT NULL DEFAULT '',
  commitment TEXT NOT NULL DEFAULT 'none'
    CHECK (commitment IN ('none', '1 month', '3 months', '6 months', '1 year', '3 years')),
  sheetUnit TEXT NOT NULL,
  sheetPrice TEXT NOT NULL,
  unit TEXT NOT NULL,
  price TEXT NOT NULL,
  currency TEXT NOT NULL,
  effectiveFrom TEXT NOT NULL,
  effectiveTo TEXT,
  openedByRunId INTEGER NOT NULL REFERENCES importRun (id),
  closedByRunId INTEGER REFERENCES importRun (id),
  closeReason TEXT CHECK (closeReason IN ('changed', 'withdrawn')),
  -- The family of sheets that opened this version (aws-price-list, azure-retail, ratecard-csv):
  -- a sheet withdraws only rates of its own family.
  family TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX rate_current ON rate (provider, service, rateKey, currency)
  WHERE closedByRunId IS NULL;
CREATE INDEX rate_identity ON rate (provider, service, rateKey, currency, id);
CREATE INDEX rate_model ON rate (model);
CREATE INDEX rate_sheetModel ON rate (sheetModel);
CREATE INDEX rate_opened ON rate (openedByRunId);
CREATE INDEX rate_closed ON rate (closedByRunId);

-- The model catalogue (filled from data/ and user files by the catalogue sync).
CREATE TABLE model (
  id TEXT PRIMARY KEY,
  vendor TEXT NOT NULL,
  family TEXT NOT NULL DEFAULT '',
  releaseDate TEXT,
  maxInputTokens INTEGER,
  maxOutputTokens INTEGER,
  inputModalities TEXT NOT NULL DEFAULT '',
  toolCalling INTEGER,
  structuredOutput INTEGER,
  vision INTEGER,
  reasoning INTEGER,
  promptCaching INTEGER,
  openWeights INTEGER,
  source TEXT NOT NULL DEFAULT ''
);

CREATE TABLE modelAlias (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  modelId TEXT NOT NULL REFERENCES model (id),
  cloud TEXT NOT NULL,
  kind TEXT NOT NULL,
  alias TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX modelAlias_alias ON modelAlias (alias);

CREATE TABLE region (
  provider TEXT NOT NULL,
  code TEXT NOT NULL,
  displayName TEXT NOT NULL,
  geography TEXT NOT NULL,
  country TEXT NOT NULL DEFAULT '',
  isGovernment INTEGER NOT NULL DEFAULT 0,
  isSovereign INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (provider, code)
);

CREATE TABLE qualityScore (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  modelId TEXT NOT NULL,
  benchmark TEXT NOT NULL,
  score TEXT NOT NULL,
  scale TEXT NOT NULL DEFAULT '',
  asOf TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX qualityScore_model ON qualityScore (modelId);

-- Which catalogue the rates were last resolved against (one row).
CREATE TABLE catalogState (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sha256 TEXT NOT NULL,
  resolvedAt TEXT NOT NULL
);
