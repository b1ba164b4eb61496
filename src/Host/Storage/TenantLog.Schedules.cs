using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>Cron schedules: their rows, and a tick's instance written with the schedule's last tick in one commit.</summary>
internal sealed partial class TenantLog
{
    private const string ScheduleColumns =
        "id, workflow, cron, time_zone, params, overlap, paused, source, created_at, last_tick, last_instance_id, resumed_at";

    public IReadOnlyList<ScheduleRow> ListSchedules()
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, $"SELECT {ScheduleColumns} FROM schedules ORDER BY id", ReadSchedule);
    }

    public ScheduleRow? FindSchedule(string id)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, $"SELECT {ScheduleColumns} FROM schedules WHERE id = $0", ReadSchedule, id).FirstOrDefault();
    }

    public int? AttributeSchedulesVersion()
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, "SELECT active_version FROM schedule_sync WHERE id = 1", r => r.GetInt32(0)).Select(v => (int?)v).FirstOrDefault();
    }

    public long? FindScheduleTick(string instanceId)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, "SELECT schedule_tick FROM instances WHERE id = $0", r => NullableLong(r, 0), instanceId).FirstOrDefault();
    }

    public Task<SchedulePutOutcome> CreateScheduleAsync(ScheduleRow schedule, int maxSchedules) => Write(tx =>
    {
        var existing = tx.Query($"SELECT {ScheduleColumns} FROM schedules WHERE id = $0", ReadSchedule, schedule.Id);
        if (existing.Count > 0)
        {
            return new SchedulePutOutcome(existing[0], false, false);
        }

        if (tx.Scalar<long>("SELECT COUNT(*) FROM schedules") >= maxSchedules)
        {
            return new SchedulePutOutcome(null, false, true);
        }

        InsertSchedule(tx, schedule);
        return new SchedulePutOutcome(null, true, false);
    });

    public Task<bool> DeleteScheduleAsync(string id) => Write(tx => tx.Execute("DELETE FROM schedules WHERE id = $0", id) > 0);

    public Task<ScheduleRow?> SetSchedulePausedAsync(string id, bool paused, long now) => Write(tx =>
    {
        // A resume starts from now: the ticks that fell while it was paused are not made up.
        tx.Execute(paused
            ? "UPDATE schedules SET paused = 1 WHERE id = $0"
            : "UPDATE schedules SET paused = 0, resumed_at = $1 WHERE id = $0 AND paused = 1", id, now);
        return tx.Query($"SELECT {ScheduleColumns} FROM schedules WHERE id = $0", ReadSchedule, id).FirstOrDefault();
    });

    public Task<ScheduleTickOutcome> TickScheduleAsync(string scheduleId, long tickAt, NewInstance instance) => Write(tx =>
    {
        var found = tx.Query($"SELECT {ScheduleColumns} FROM schedules WHERE id = $0", ReadSchedule, scheduleId);
        if (found.Count == 0 || found[0].Paused)
        {
            return new ScheduleTickOutcome(ScheduleTickKind.NotDue);
        }

        var schedule = found[0];
        if (schedule.LastTick >= tickAt)
        {
            return new ScheduleTickOutcome(ScheduleTickKind.AlreadyTaken);
        }

        if (schedule.Overlap == ScheduleOverlap.Skip && schedule.LastInstanceId is { } previous &&
            tx.Scalar<long?>("SELECT 1 FROM instances WHERE id = $0 AND ended_at IS NULL", previous) is not null)
        {
            tx.Execute("UPDATE schedules SET last_tick = $1 WHERE id = $0", scheduleId, tickAt);
            return new ScheduleTickOutcome(ScheduleTickKind.SkippedOverlap);
        }

        // The tick's id is derived from its time: an instance already there is this tick, taken by an earlier log.
        var taken = tx.Scalar<long?>("SELECT 1 FROM instances WHERE id = $0", instance.Id) is not null;
        tx.Execute("UPDATE schedules SET last_tick = $1, last_instance_id = $2 WHERE id = $0", scheduleId, tickAt, instance.Id);
        if (taken)
        {
            return new ScheduleTickOutcome(ScheduleTickKind.AlreadyTaken);
        }

        var seq = tx.Scalar<long>("SELECT COALESCE(MAX(seq), 0) + 1 FROM instances");
        tx.Execute("""
            INSERT INTO instances (id, seq, workflow, version, status, params, created_at, updated_at, schedule_tick, trace_parent)
            VALUES ($0, $1, $2, $3, 'queued', $4, $5, $5, $6, $7)
            """, instance.Id, seq, instance.Workflow, instance.Version, instance.Params, instance.CreatedAt, tickAt, instance.TraceParent);
        History(tx, instance.Id, instance.CreatedAt, "status",
            new { status = StoredNames.Name(InstanceStatus.Queued), workflow = instance.Workflow, version = instance.Version, schedule = scheduleId });
        return new ScheduleTickOutcome(ScheduleTickKind.Created, new InstanceRow(instance.Id, seq, instance.Workflow, instance.Version,
            InstanceStatus.Queued, instance.Params, null, null, null, 1, instance.CreatedAt, null, null, null, TraceParent: instance.TraceParent));
    });

    public Task<IReadOnlyList<string>> SyncAttributeSchedulesAsync(int version, IReadOnlyList<ScheduleRow> declared) => Write(tx =>
    {
        var existing = tx.Query($"SELECT {ScheduleColumns} FROM schedules", ReadSchedule).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var wanted = declared.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var old in existing.Values.Where(s => s.Source == ScheduleSource.Attribute && !wanted.Contains(s.Id)))
        {
            tx.Execute("DELETE FROM schedules WHERE id = $0", old.Id);
        }

        var heldByApi = new List<string>();
        foreach (var schedule in declared)
        {
            if (!existing.TryGetValue(schedule.Id, out var current))
            {
                InsertSchedule(tx, schedule);
            }
            else if (current.Source == ScheduleSource.Api)
            {
                heldByApi.Add(schedule.Id);
            }
            else if (!current.SameDefinition(schedule))
            {
                // Its last tick stays: a redeclared schedule must not run a tick it ran already.
                tx.Execute("UPDATE schedules SET workflow = $1, cron = $2, time_zone = $3, params = $4, overlap = $5 WHERE id = $0",
                    schedule.Id, schedule.Workflow, schedule.Cron, schedule.TimeZone, schedule.Params, OverlapName(schedule.Overlap));
            }
        }

        tx.Execute("INSERT INTO schedule_sync (id, active_version) VALUES (1, $0) ON CONFLICT (id) DO UPDATE SET active_version = excluded.active_version", version);
        return (IReadOnlyList<string>)heldByApi;
    });

    private static void InsertSchedule(LogTransaction tx, ScheduleRow s) =>
        tx.Execute($"INSERT INTO schedules ({ScheduleColumns}) VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            s.Id, s.Workflow, s.Cron, s.TimeZone, s.Params, OverlapName(s.Overlap), s.Paused ? 1 : 0,
            s.Source == ScheduleSource.Api ? "api" : "attribute", s.CreatedAt, s.LastTick, s.LastInstanceId, s.ResumedAt);

    private static string OverlapName(ScheduleOverlap overlap) => overlap == ScheduleOverlap.Skip ? "skip" : "allow";

    private static ScheduleRow ReadSchedule(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), NullableString(r, 4),
        r.GetString(5) switch
        {
            "allow" => ScheduleOverlap.Allow,
            "skip" => ScheduleOverlap.Skip,
            var other => throw new InvalidDataException($"Unknown schedule overlap '{other}' in the log."),
        },
        r.GetInt64(6) != 0,
        r.GetString(7) switch
        {
            "api" => ScheduleSource.Api,
            "attribute" => ScheduleSource.Attribute,
            var other => throw new InvalidDataException($"Unknown schedule source '{other}' in the log."),
        },
        r.GetInt64(8), NullableLong(r, 9), NullableString(r, 10), NullableLong(r, 11));
}
