using System.Globalization;
using System.Text.Json;
using Skein.Host.Storage;

namespace Skein.TenantSdk.Testing;

/// <summary>
/// Reads a history export (format <c>skein.history</c>, version 1) back into a tenant log, so the engine replays it:
/// the instance is written as running with its steps and attempts exactly as exported, and the engine's recovery
/// runs the code under test against them.
/// </summary>
internal sealed class HistoryImport
{
    private const string Format = "skein.history";
    private const int Version = 1;

    private HistoryImport(JsonElement root)
    {
        Root = root;
        Instance = root.GetProperty("instance");
        Id = Instance.GetProperty("id").GetString()!;
        Workflow = Instance.GetProperty("workflow").GetString()!;
        Status = Instance.GetProperty("status").GetString()!;
        Steps = [.. root.GetProperty("steps").EnumerateArray()];
    }

    public JsonElement Root { get; }

    public JsonElement Instance { get; }

    public string Id { get; }

    public string Workflow { get; }

    /// <summary>How the exported instance stood: complete, errored, terminated, or still running/waiting.</summary>
    public string Status { get; }

    public IReadOnlyList<JsonElement> Steps { get; }

    public bool Finished => Status is "complete" or "errored" or "terminated";

    /// <summary>The latest instant the history mentions: the replay's clock starts there.</summary>
    public DateTimeOffset Latest =>
        Steps.SelectMany(s => new[] { Time(s, "startedAt"), Time(s, "endedAt") })
            .Append(Time(Instance, "createdAt")).Append(Time(Instance, "startedAt"))
            .Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();

    public static HistoryImport Parse(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
        {
            throw new ArgumentException($"This is not a history export: its \"format\" is not \"{Format}\".", nameof(document));
        }

        var version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) ? number : 0;
        if (version != Version)
        {
            throw new ArgumentException(
                $"History export version {version} cannot be replayed by this test kit, which reads version {Version}: use a test kit of the host's release.",
                nameof(document));
        }

        return new HistoryImport(root);
    }

    /// <summary>Writes the instance (as running, pinned to version 1: the code under test) with its steps and attempts.</summary>
    public void Write(LogTransaction tx, long now)
    {
        var createdAt = Ms(Instance, "createdAt") ?? now;
        tx.Execute("""
            INSERT INTO instances (id, seq, workflow, version, status, params, created_at, started_at, updated_at, trigger, run)
            VALUES ($0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM instances), $1, 1, 'running', $2, $3, $4, $5, $6, $7)
            """, Id, Workflow, Raw(Instance, "params") ?? "null", createdAt, Ms(Instance, "startedAt") ?? createdAt, now,
            Raw(Instance, "trigger"), Instance.TryGetProperty("run", out var run) ? run.GetInt32() : 1);
        foreach (var s in Steps)
        {
            var position = s.GetProperty("position").GetInt32();
            var rollback = s.TryGetProperty("rollback", out var r) && r.ValueKind == JsonValueKind.Object ? r : (JsonElement?)null;
            tx.Execute("""
                INSERT INTO steps (instance_id, position, kind, name, count, status, output, error_name, error_message, event_type,
                                   wake_at, started_at, ended_at, rollback_status, rollback_error, child_id, child_workflow)
                VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                """, Id, position, Text(s, "type"), Text(s, "name"), s.GetProperty("count").GetInt32(), Text(s, "status"),
                Raw(s, "output"), ErrorPart(s, "name"), ErrorPart(s, "message"), Text(s, "eventType"), Ms(s, "wakeAt"),
                Ms(s, "startedAt") ?? now, Ms(s, "endedAt"), rollback is { } rb ? Text(rb, "status") : null,
                rollback is { } rb2 ? Text(rb2, "error") : null, Text(s, "childId"), Text(s, "childWorkflow"));
            foreach (var a in s.GetProperty("attempts").EnumerateArray())
            {
                var stack = a.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
                    && e.TryGetProperty("stack", out var frames) && frames.ValueKind == JsonValueKind.Array
                    ? string.Join('\n', frames.EnumerateArray().Select(f => f.GetString()))
                    : null;
                tx.Execute("""
                    INSERT INTO attempts (instance_id, position, attempt, started_at, ended_at, success, error_name, error_message, error_stack)
                    VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8)
                    """, Id, position, a.GetProperty("attempt").GetInt32(), Ms(a, "startedAt") ?? now, Ms(a, "endedAt") ?? now,
                    a.GetProperty("success").GetBoolean() ? 1 : 0, ErrorPart(a, "name"), ErrorPart(a, "message"), stack);
            }
        }
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Raw(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;

    private static string? ErrorPart(JsonElement e, string part) =>
        e.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? Text(error, part) : null;

    private static DateTimeOffset? Time(JsonElement e, string property) => Text(e, property) is { } text
        ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
        : null;

    private static long? Ms(JsonElement e, string property) => Time(e, property)?.ToUnixTimeMilliseconds();
}
