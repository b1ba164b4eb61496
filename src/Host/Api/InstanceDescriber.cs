using System.Text.Json.Nodes;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>
/// Turns what the log holds into the describe shape of DESIGN §3: the API's edge, where statuses and step kinds get
/// their wire names.
/// </summary>
internal static class InstanceDescriber
{
    public static InstanceDescription Describe(InstanceHistory history)
    {
        var i = history.Instance;
        var attempts = history.Attempts.ToLookup(a => a.Position);
        return new InstanceDescription(
            i.Id, i.Workflow, i.Version, i.Status.Name, Json(i.Params), Json(i.Output),
            Error(i.ErrorName, i.ErrorMessage),
            Time(i.CreatedAt), Time(i.StartedAt), Time(i.EndedAt),
            history.Steps.Select(s => Step(s, attempts[s.Position])).ToList(),
            i.Parent is { } parent ? new ParentDescription(parent.Id, Text(parent.Step)) : null)
        {
            TraceId = Telemetry.InstanceTracing.TraceId(i.TraceParent),
            Run = history.Runs?.Current,
            Runs = history.Runs?.Earlier.Select(r => new RunDescription(r.Run, Time(r.StartedAt), Time(r.EndedAt))).ToList(),
        };
    }

    /// <summary>An instance without its steps (a list item, or an instance just created).</summary>
    public static InstanceDescription Describe(InstanceRow instance) => Describe(new InstanceHistory(instance, [], []));

    private static StepDescription Step(StepRow s, IEnumerable<AttemptRow> attempts)
    {
        if (s.Kind == StepKind.Step && s.Status == StepStatus.Complete && !attempts.Any())
        {
            // Succeeded at its first attempt: the log need not keep an attempt row for that (SQLite's does not).
            attempts = [new AttemptRow(s.Position, 1, s.StartedAt, s.EndedAt ?? s.StartedAt, true, null, null)];
        }

        var error = Error(s.ErrorName, s.ErrorMessage);
        var rollback = s.RollbackStatus is { } ran ? new RollbackDescription(ran.Name, Text(s.RollbackError)) : null;
        return s.Kind switch
        {
            StepKind.Step => new StepDescription(s.Kind.Name, Text(s.Name), s.Count, StepStatusName(s.Status), Time(s.StartedAt),
                Time(s.EndedAt), null, Json(s.Output), error,
                attempts.Select(a => new AttemptDescription(a.Attempt, Time(a.StartedAt), Time(a.EndedAt), a.Success,
                    AttemptError(a))).ToList(),
                rollback),
            StepKind.Sleep => new StepDescription(s.Kind.Name, Text(s.Name), s.Count, null, Time(s.StartedAt),
                Time(s.EndedAt ?? s.WakeAt), s.Status == StepStatus.Complete, null, null, null, null),
            // status: waiting until the child ends, then how it ended (complete, errored or terminated).
            StepKind.ChildWorkflow => new StepDescription(s.Kind.Name, Text(s.Name), s.Count, s.Status.Name, Time(s.StartedAt),
                Time(s.EndedAt), null, Json(s.Output), error, null, null, s.ChildId, s.ChildWorkflow is null ? null : Text(s.ChildWorkflow)),
            _ => new StepDescription(StepKind.WaitForEvent.Name, Text(s.Name), s.Count, null, Time(s.StartedAt), Time(s.EndedAt),
                s.Status != StepStatus.Waiting, Json(s.Output), error, null, null),
        };
    }

    /// <summary>A step between attempts is still running as far as a reader is concerned.</summary>
    private static string StepStatusName(StepStatus status) => status == StepStatus.Retrying ? "running" : status.Name;

    // Stored text is shown as far as it can be written back, never failing the whole describe or list page (a log
    // written by an older build may hold text that is not Unicode).
    private static JsonNode? Json(string? json) => json is null || JsonText.MakeWritable(json) is not { } writable ? null : JsonNode.Parse(writable);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Text(string? text) => text is null ? null : JsonText.MakeWritableString(text);

    private static ErrorDescription? Error(string? name, string? message) =>
        name is null ? null : new ErrorDescription(Text(name), Text(message ?? ""));

    private static ErrorDescription? AttemptError(AttemptRow a) => Error(a.ErrorName, a.ErrorMessage) is { } error && a.ErrorStack is { } stack
        ? error with { Stack = [.. stack.Split('\n').Select(JsonText.MakeWritableString)] }
        : Error(a.ErrorName, a.ErrorMessage);

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
