-- The tables of the QTasks JDBC engine on PostgreSQL 13+.
-- Names start with the default prefix 'qtasks_'; with qtasks.jdbc.initialize-schema the engine
-- runs this script with the configured qtasks.jdbc.table-prefix in its place. To manage the schema
-- with Flyway or Liquibase instead, copy it (replacing the prefix if you changed it) and set
-- qtasks.jdbc.initialize-schema=never.

CREATE SEQUENCE IF NOT EXISTS qtasks_task_seq;

-- One row per task: its record (JSON) and its place in the queue.
-- queue: 'ready' (due, waits for a worker), 'waiting' (due at due_at), 'claimed' (held by
-- claim_token until lease_until), or NULL (not queued: finished, or running between two steps).
-- queue_name: the named queue the task belongs to; limit_key: the key its cap and rate apply per
-- ('' for none, so that the lane indexes can compare it with =).
-- start_at, start_node, start_deliveries, start_revision: the start of an attempt that the claim
-- stored (when, on which worker node, at which delivery) and that is read into the record while
-- the row has revision start_revision, so that the worker need not write it; NULL once the record
-- itself is written again.
CREATE TABLE IF NOT EXISTS qtasks_task (
	uuid UUID NOT NULL PRIMARY KEY,
	task_name TEXT NOT NULL,
	status VARCHAR(16) NOT NULL,
	priority INTEGER NOT NULL,
	seq BIGINT NOT NULL,
	queue VARCHAR(16),
	due_at TIMESTAMP WITH TIME ZONE,
	claim_token VARCHAR(64),
	lease_until TIMESTAMP WITH TIME ZONE,
	deliveries INTEGER NOT NULL DEFAULT 0,
	holder VARCHAR(64),
	revision BIGINT NOT NULL,
	cancel_request TEXT,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE,
	record TEXT NOT NULL,
	queue_name TEXT NOT NULL DEFAULT 'default',
	limit_key TEXT NOT NULL DEFAULT '',
	start_at TIMESTAMP WITH TIME ZONE,
	start_node TEXT,
	start_deliveries INTEGER,
	start_revision BIGINT
);

-- Tables created before flow control get its columns (a no-op on new tables).
ALTER TABLE qtasks_task ADD COLUMN IF NOT EXISTS queue_name TEXT NOT NULL DEFAULT 'default';
ALTER TABLE qtasks_task ADD COLUMN IF NOT EXISTS limit_key TEXT NOT NULL DEFAULT '';
-- Tables created before claims stored the start of attempts get its columns.
ALTER TABLE qtasks_task ADD COLUMN IF NOT EXISTS start_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE qtasks_task ADD COLUMN IF NOT EXISTS start_node TEXT;
ALTER TABLE qtasks_task ADD COLUMN IF NOT EXISTS start_deliveries INTEGER;
ALTER TABLE qtasks_task ADD COLUMN IF NOT EXISTS start_revision BIGINT;

-- Partial indexes: each holds only the rows in one queue state, so that the claim, the
-- promotion of due tasks and the reaper stay index scans over a few pages however many
-- finished rows the table holds, with or without autovacuum and fresh statistics.
CREATE INDEX IF NOT EXISTS qtasks_task_ready_idx ON qtasks_task (priority, seq) WHERE queue = 'ready';
CREATE INDEX IF NOT EXISTS qtasks_task_waiting_idx ON qtasks_task (due_at) WHERE queue = 'waiting';
CREATE INDEX IF NOT EXISTS qtasks_task_claimed_idx ON qtasks_task (lease_until) WHERE queue = 'claimed';
-- Flow control: the due tasks of one task name and limit key (a lane) and of one named queue, in
-- claim order, and the claims each lane holds (counted against its cap).
CREATE INDEX IF NOT EXISTS qtasks_task_lane_idx ON qtasks_task (task_name, limit_key, priority, seq) WHERE queue = 'ready';
CREATE INDEX IF NOT EXISTS qtasks_task_queue_idx ON qtasks_task (queue_name, priority, seq) WHERE queue = 'ready';
CREATE INDEX IF NOT EXISTS qtasks_task_running_idx ON qtasks_task (task_name, limit_key) WHERE queue = 'claimed';
-- The actuator's listings (newest first, by status) and the expiry of finished records.
CREATE INDEX IF NOT EXISTS qtasks_task_created_idx ON qtasks_task (created_at);
CREATE INDEX IF NOT EXISTS qtasks_task_status_idx ON qtasks_task (status, created_at);
CREATE INDEX IF NOT EXISTS qtasks_task_expires_idx ON qtasks_task (expires_at) WHERE expires_at IS NOT NULL;

-- The live worker nodes.
CREATE TABLE IF NOT EXISTS qtasks_node (
	id VARCHAR(255) NOT NULL PRIMARY KEY,
	node TEXT NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The nodes that wait for results, each until its registration runs out: the ends of tasks are
-- announced (NOTIFY on the finished channel) only while one is listed, so that tasks nobody waits
-- for cost no notification.
CREATE TABLE IF NOT EXISTS qtasks_waiter (
	node_id VARCHAR(64) NOT NULL PRIMARY KEY,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Flow control: when the claims of rate-limited lanes were made (by the database's clock), the
-- sliding window a rate limit counts; claims trim the instants that left the window.
CREATE TABLE IF NOT EXISTS qtasks_rate (
	task_name TEXT NOT NULL,
	limit_key TEXT NOT NULL,
	claimed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS qtasks_rate_lane_idx ON qtasks_rate (task_name, limit_key, claimed_at);

-- Unique keys: each key with the uuid of the task that took it last. Whether that task still
-- holds it is read from its record (not finished, or finished less than its uniqueFor ago; a
-- record that is gone holds nothing). An enqueue with a key locks the key's row, so that the
-- adds of one key are checked one after the other across nodes.
CREATE TABLE IF NOT EXISTS qtasks_unique (
	unique_key TEXT NOT NULL PRIMARY KEY,
	uuid UUID NOT NULL
);

-- Schedules: the definition (JSON) of those added at run time (NULL for those declared in
-- code), whether they are paused, and the due time and task of their last firing. A firing
-- locks the schedule's row and queues its task in the same transaction.
CREATE TABLE IF NOT EXISTS qtasks_schedule (
	name TEXT NOT NULL PRIMARY KEY,
	definition TEXT,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	paused BOOLEAN NOT NULL DEFAULT false,
	resumed_at TIMESTAMP WITH TIME ZONE,
	last_due_at TIMESTAMP WITH TIME ZONE,
	last_task_uuid UUID
);
