using System.Text.Json;
using System.Text.Json.Serialization;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A step's history entry is written by hand for speed; its JSON must stay byte for byte what the serializer wrote from
/// the entry's shape (the stream and the history API send it as is), which this test keeps as the reference.
/// </summary>
public sealed class StepHistoryJsonTests
{
    private static readonly JsonSerializerOptions Reference = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TheoryData<string> Cases => [.. Entries.Keys];

    private static readonly Dictionary<string, Entry> Entries = new()
    {
        ["a step completed at its first attempt"] = new(StepKind.Step, "charge", 1, 0, StepStatus.Complete,
            new AttemptRow(0, 1, 1_764_000_000_123, 1_764_000_000_456, true, null, null), null, null, 1_764_000_000_100, null, null),
        ["a sleep with its wake time"] = new(StepKind.Sleep, "cool-off", 2, 7, StepStatus.Waiting, null, null, null, 1_764_000_000_000, 1_764_086_400_000, null),
        ["a child workflow step"] = new(StepKind.ChildWorkflow, "payment", 1, 3, StepStatus.Waiting, null, null, null, 5, null, "order-1-payment-1"),
        ["a failed attempt with a stack"] = new(StepKind.Step, "reserve", 1, 1, StepStatus.Retrying,
            new AttemptRow(1, 3, 10, 20, false, "HttpRequestException", "503 from \"stock\" <svc> & co", "at A.B()\nat C.D()\n"), null, null, 9, 30_000, null),
        ["a failed attempt without message or stack"] = new(StepKind.Step, "x", 1, 1, StepStatus.Errored,
            new AttemptRow(1, 1, 10, 20, false, "Boom", null), "Boom", null, 9, null, null),
        ["an ended wait with an error"] = new(StepKind.WaitForEvent, "approval", 1, 4, StepStatus.TimedOut, null,
            "WorkflowTimeoutException", "No \"approved\" event arrived.", null, null, null),
        ["text the default encoder escapes"] = new(StepKind.Step, "é ü 日本 'quoted' <tag> + \u0001 \ud83d\ude00", int.MaxValue, int.MaxValue, StepStatus.Complete, null, null, null, 0, null, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_entry_is_what_the_serializer_wrote_from_its_shape(string name)
    {
        var e = Entries[name];

        var written = StepHistoryJson.Write(e.Kind, e.Name, e.Count, e.Position, e.Status, e.Attempt, e.ErrorName, e.ErrorMessage, e.Start, e.WakeAt, e.ChildId);

        Assert.Equal(JsonSerializer.Serialize(Shape(e), Reference), written);
    }

    [Fact]
    public void Entries_written_one_after_another_on_a_thread_do_not_share_text()
    {
        var e = Entries["a failed attempt with a stack"];
        var first = StepHistoryJson.Write(e.Kind, e.Name, e.Count, e.Position, e.Status, e.Attempt, e.ErrorName, e.ErrorMessage, e.Start, e.WakeAt, e.ChildId);
        var second = StepHistoryJson.Write(StepKind.Step, "y", 1, 0, StepStatus.Complete, null, null, null, null, null, null);

        Assert.Equal("""{"type":"step","name":"y","count":1,"position":0,"status":"complete"}""", second);
        Assert.StartsWith("""{"type":"step","name":"reserve",""", first, StringComparison.Ordinal);
    }

    private sealed record Entry(StepKind Kind, string Name, int Count, int Position, StepStatus Status, AttemptRow? Attempt,
        string? ErrorName, string? ErrorMessage, long? Start, long? WakeAt, string? ChildId);

    // The shape as the log serialized it before: the reference the hand-written JSON is held to.
    private static object Shape(Entry e) => new
    {
        type = StoredNames.Name(e.Kind),
        name = e.Name,
        count = e.Count,
        position = e.Position,
        instanceId = e.ChildId,
        status = StoredNames.Name(e.Status),
        start = e.Start is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : (DateTimeOffset?)null,
        wakeAt = e.WakeAt is { } w ? DateTimeOffset.FromUnixTimeMilliseconds(w) : (DateTimeOffset?)null,
        attempt = e.Attempt is not { } a ? null : new
        {
            attempt = a.Attempt,
            start = DateTimeOffset.FromUnixTimeMilliseconds(a.StartedAt),
            end = DateTimeOffset.FromUnixTimeMilliseconds(a.EndedAt),
            success = a.Success,
            error = a.ErrorName is null ? null : new { name = a.ErrorName, message = a.ErrorMessage, stack = a.ErrorStack?.Split('\n') },
        },
        error = e.ErrorName is null ? null : new { name = e.ErrorName, message = e.ErrorMessage },
    };
}
