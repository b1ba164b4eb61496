namespace Skein.Host.Storage;

/// <summary>
/// The execution log of one tenant. <c>instances</c> holds one current-state row per instance; <c>steps</c> one row
/// per step, sleep or event wait in start order; <c>attempts</c> is append-only; <c>events</c> keeps every event
/// sent, with the wait that consumed it; <c>history</c> (from version 2) every change in commit order, its seqs never
/// reused (from version 3). Times are Unix milliseconds.
/// </summary>
internal static class TenantLogSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE instances (
            id            TEXT    NOT NULL PRIMARY KEY,
            seq           INTEGER NOT NULL UNIQUE,   -- creation order: list order and paging cursor
            workflow      TEXT    NOT NULL,
            version       INTEGER NOT NULL,          -- deployment version the instance is pinned to
            status        TEXT    NOT NULL,
            params        TEXT    NOT NULL,
            output        TEXT,
            error_name    TEXT,
            error_message TEXT,
            generation    INTEGER NOT NULL DEFAULT 1, -- bumped by restart; fences writes of a superseded run
            created_at    INTEGER NOT NULL,
            started_at    INTEGER,
            ended_at      INTEGER,
            updated_at    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX instances_unfinished ON instances (seq)
            WHERE status IN ('queued', 'running', 'waiting', 'waitingForPause', 'paused');
        CREATE INDEX instances_by_workflow ON instances (workflow, seq);
        CREATE INDEX instances_by_status ON instances (status, seq);

        CREATE TABLE steps (
            instance_id     TEXT    NOT NULL,
            position        INTEGER NOT NULL,        -- start order within the instance
            kind            TEXT    NOT NULL,        -- step | sleep | waitForEvent
            name            TEXT    NOT NULL,
            count           INTEGER NOT NULL,        -- occurrence of the name, from 1
            status          TEXT    NOT NULL,        -- retrying | complete | errored | waiting | timedOut
            output          TEXT,
            error_name      TEXT,
            error_message   TEXT,
            event_type      TEXT,
            wake_at         INTEGER,                 -- sleep end, event timeout or next retry
            started_at      INTEGER NOT NULL,
            ended_at        INTEGER,
            rollback_status TEXT,                    -- complete | errored once the rollback handler ran
            rollback_error  TEXT,
            PRIMARY KEY (instance_id, position)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX steps_by_key ON steps (instance_id, name, count);
        CREATE INDEX steps_due ON steps (wake_at) WHERE status = 'waiting';

        CREATE TABLE attempts (
            instance_id   TEXT    NOT NULL,
            position      INTEGER NOT NULL,
            attempt       INTEGER NOT NULL,
            started_at    INTEGER NOT NULL,
            ended_at      INTEGER NOT NULL,
            success       INTEGER NOT NULL,
            error_name    TEXT,
            error_message TEXT,
            PRIMARY KEY (instance_id, position, attempt)
        ) WITHOUT ROWID;

        CREATE TABLE events (
            seq               INTEGER PRIMARY KEY,   -- arrival order
            instance_id       TEXT    NOT NULL,
            type              TEXT    NOT NULL,
            payload           TEXT    NOT NULL,
            received_at       INTEGER NOT NULL,
            consumed_position INTEGER                -- the waitForEvent step that took it
        );
        CREATE INDEX events_pending ON events (instance_id, type, seq) WHERE consumed_position IS NULL;
        CREATE INDEX events_by_instance ON events (instance_id, seq);
        """,
        """
        -- Append-only history of every change, in commit order: the live stream reads it from a cursor (seq).
        CREATE TABLE history (
            seq         INTEGER PRIMARY KEY,
            instance_id TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            data        TEXT
        );
        CREATE INDEX history_by_instance ON history (instance_id, seq);

        -- The HTTP request that started the instance through a trigger (JSON), if one did.
        ALTER TABLE instances ADD COLUMN trigger TEXT;

        -- A partial index whose condition is an IN list makes SQLite build a temporary table on every status change;
        -- ended_at says the same thing with a plain comparison.
        DROP INDEX instances_unfinished;
        CREATE INDEX instances_unfinished ON instances (seq) WHERE ended_at IS NULL;

        -- Replay maps (name, count) to positions in memory; this index only cost a write per step.
        DROP INDEX steps_by_key;
        """,
        """
        -- Crash recoveries in a row that cut the instance off (an attempt in flight when the host stopped), reset by
        -- its next step write; past Skein:MaxCrashRecoveries the instance is stopped (errored, CrashLoop).
        ALTER TABLE instances ADD COLUMN recoveries INTEGER NOT NULL DEFAULT 0;
        """,
        """
        -- History seqs are the live stream's event ids: AUTOINCREMENT never hands out a seq again, even after the rows
        -- holding the highest ones were deleted with their instance (a plain rowid reuses them, so a client resuming
        -- a deleted-and-recreated instance from its last event id would skip the new run).
        CREATE TABLE history_new (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            data        TEXT
        );
        INSERT INTO history_new (seq, instance_id, at, kind, data) SELECT seq, instance_id, at, kind, data FROM history;
        DROP TABLE history;
        ALTER TABLE history_new RENAME TO history;
        CREATE INDEX history_by_instance ON history (instance_id, seq);
        """,
        """
        -- Cron schedules (DESIGN §9): kept in the tenant's log so that backups, restores and moves carry them, and so
        -- that a tick's instance and the schedule's last tick commit in one transaction (a tick runs at most once).
        CREATE TABLE schedules (
            id               TEXT    NOT NULL PRIMARY KEY,
            workflow         TEXT    NOT NULL,
            cron             TEXT    NOT NULL,
            time_zone        TEXT    NOT NULL,
            params           TEXT,
            overlap          TEXT    NOT NULL,          -- allow | skip
            paused           INTEGER NOT NULL DEFAULT 0,
            source           TEXT    NOT NULL,          -- api | attribute
            created_at       INTEGER NOT NULL,
            resumed_at       INTEGER,                   -- ticks before it (while paused) are not made up
            last_tick        INTEGER,                   -- the latest tick taken (run or skipped)
            last_instance_id TEXT                       -- the instance of the latest tick that ran
        ) WITHOUT ROWID;

        -- The deployment version whose [Schedule] attributes the attribute schedules reflect (one row).
        CREATE TABLE schedule_sync (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            active_version INTEGER NOT NULL
        );

        -- The tick that created an instance (WorkflowEvent.Schedule); null for every other instance.
        ALTER TABLE instances ADD COLUMN schedule_tick INTEGER;
        """,
        """
        -- Continue-as-new: the run an instance is in (1-based; a continue starts the next run of the same id) and a
        -- summary of its last ended runs (bounded: TenantLog.KeptRunSummaries), their steps and attempts forgotten.
        ALTER TABLE instances ADD COLUMN run INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE runs (
            instance_id TEXT    NOT NULL,
            run         INTEGER NOT NULL,
            started_at  INTEGER,
            ended_at    INTEGER NOT NULL,
            PRIMARY KEY (instance_id, run)
        ) WITHOUT ROWID;
        """,
        """
        -- Child workflows (DESIGN §9): a childWorkflow step names the child it started; the child names its parent, the
        -- parent's step (position and name) and the parent's generation when it was started, so a restarted parent
        -- can tell its own earlier child from an instance someone else created under the derived id.
        ALTER TABLE steps ADD COLUMN child_id TEXT;
        ALTER TABLE steps ADD COLUMN child_workflow TEXT;
        ALTER TABLE instances ADD COLUMN parent_id TEXT;
        ALTER TABLE instances ADD COLUMN parent_position INTEGER;
        ALTER TABLE instances ADD COLUMN parent_step TEXT;
        ALTER TABLE instances ADD COLUMN parent_generation INTEGER;
        CREATE INDEX instances_by_parent ON instances (parent_id, parent_position) WHERE parent_id IS NOT NULL;
        """,
        """
        -- Lines logged by workflow code are history entries of kind 'log' (the stream sends them with the rest); this
        -- index pages an instance's lines and counts them against the bound per instance.
        CREATE INDEX history_logs ON history (instance_id, seq) WHERE kind = 'log';

        -- The first frames of a failed attempt's stack trace that are the tenant's own code, one per line.
        ALTER TABLE attempts ADD COLUMN error_stack TEXT;
        """,
        """
        -- Retention: the purge deletes the finished instances that ended longest ago first.
        CREATE INDEX instances_ended ON instances (ended_at) WHERE ended_at IS NOT NULL;
        """,
        """
        -- Telemetry: the W3C traceparent an instance was created under (the creating request's span, a parent run's
        -- span, or a fresh trace); every run's span is its child, so one trace holds the request and all the runs.
        ALTER TABLE instances ADD COLUMN trace_parent TEXT;
        """,
    ];
}
