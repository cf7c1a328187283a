-- tiersync job store, for SQLite and PostgreSQL alike (Flyway applies these files in version order
-- when the store opens; docs/jobs.md). Migrations are additive: new tables, indexes and nullable
-- columns, never a dropped or renamed column, because an older tiersync may still read the store.
-- A file that has run is never edited: a change is a new V<n>__<what>.sql.
-- Timestamps (*_at) are BIGINT milliseconds since the epoch, UTC.
--
-- This is the schema that db/sqlite/schema.sql created before there were migrations: a SQLite file
-- made by it is taken as at version 1 (baseline) and keeps its rows.

-- One row per job (SPEC sections 6 and 7), job_id is also the Temporal workflow id.
CREATE TABLE jobs (
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
    created_at      BIGINT  NOT NULL,
    started_at      BIGINT,
    ended_at        BIGINT
);

-- A repeated Idempotency-Key returns the same job, at most one job per key.
CREATE UNIQUE INDEX jobs_idempotency_key_uq ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- GET /api/v1/sync/jobs filters by state and direction, newest first, start-up reconciliation
-- scans unfinished states, and the 30-day cleanup deletes by ended_at.
CREATE INDEX jobs_state_created_idx ON jobs (state, created_at);
CREATE INDEX jobs_direction_created_idx ON jobs (direction, created_at);
CREATE INDEX jobs_created_idx ON jobs (created_at);
CREATE INDEX jobs_ended_idx ON jobs (ended_at);
