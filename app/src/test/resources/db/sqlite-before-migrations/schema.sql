-- The job store schema as db/sqlite/schema.sql created it before Flyway migrations (kept to test
-- that such a SQLite file opens unchanged, baselined at version 1).
-- tiersync job store (SQLite). Applied at every start, so every statement is idempotent.
-- Migrations are additive: new tables, indexes and nullable columns, never a dropped or renamed
-- column, because an older store must keep loading. SQLite's ALTER TABLE ... ADD COLUMN has no
-- IF NOT EXISTS, so a later column needs a guarded step (e.g. keyed on PRAGMA user_version).
-- Timestamps (*_at) are INTEGER milliseconds since the epoch, UTC.

-- One row per job (SPEC sections 6 and 7), job_id is also the Temporal workflow id.
CREATE TABLE IF NOT EXISTS jobs (
    job_id          TEXT    NOT NULL PRIMARY KEY,
    kind            TEXT    NOT NULL,                -- sync | resolve | patch
    direction       TEXT,                            -- upstream_to_collection | collection_to_project | project_to_collection | project_to_upstream
    state           TEXT    NOT NULL,                -- queued | running | success | conflict | error | canceled
    pct             INTEGER NOT NULL DEFAULT 0 CHECK (pct BETWEEN 0 AND 100),
    phase           TEXT,                            -- e.g. fetch | merge | apply
    collection      TEXT,                            -- collection name
    project_path    TEXT,                            -- absolute project folder, if the job has one
    artifact_ids    TEXT,                            -- JSON array of type:name ids, for the artifact filter
    request_json    TEXT    NOT NULL,                -- the request as accepted, snake_case JSON
    snapshot_json   TEXT,                            -- latest job snapshot: artifacts, conflicts, log excerpt
    trace_id        TEXT    NOT NULL,
    idempotency_key TEXT,                            -- Idempotency-Key header, if the client sent one
    request_hash    TEXT,                            -- sha256 of the canonical request, to reject key reuse with another body
    created_by      TEXT,                            -- principal that started the job (audit)
    created_at      INTEGER NOT NULL,
    started_at      INTEGER,
    ended_at        INTEGER
);

-- A repeated Idempotency-Key returns the same job, at most one job per key.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency_key_uq
    ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- GET /api/v1/sync/jobs filters by state and direction, newest first, start-up reconciliation
-- scans unfinished states, and the 30-day cleanup deletes by ended_at.
CREATE INDEX IF NOT EXISTS jobs_state_created_idx ON jobs (state, created_at);
CREATE INDEX IF NOT EXISTS jobs_direction_created_idx ON jobs (direction, created_at);
CREATE INDEX IF NOT EXISTS jobs_created_idx ON jobs (created_at);
CREATE INDEX IF NOT EXISTS jobs_ended_idx ON jobs (ended_at);
