using System.Text.Json.Nodes;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Turns log rows into the describe shape of DESIGN §3.</summary>
internal static class InstanceDescriber
{
    public static InstanceDescription Describe(InstanceHistory history)
    {
        var i = history.Instance;
        var attempts = history.Attempts.ToLookup(a => a.Position);
        return new InstanceDescription(
            i.Id, i.Workflow, i.Version, i.Status, Json(i.Params), Json(i.Output),
            i.ErrorName is null ? null : new ErrorDescription(i.ErrorName, i.ErrorMessage ?? ""),
            Time(i.CreatedAt), Time(i.StartedAt), Time(i.EndedAt),
            history.Steps.Select(s => Step(s, attempts[s.Position])).ToList());
    }

    private static StepDescription Step(StepRow s, IEnumerable<AttemptRow> attempts)
    {
        if (s.Kind == StepKind.Step && s.Status == StepKind.Complete && !attempts.Any())
        {
            // Succeeded at its first attempt: the log keeps no attempt row for that (see TenantLog.WriteStep).
            attempts = [new AttemptRow(s.Position, 1, s.StartedAt, s.EndedAt ?? s.StartedAt, true, null, null)];
        }

        var error = s.ErrorName is null ? null : new ErrorDescription(s.ErrorName, s.ErrorMessage ?? "");
        var rollback = s.RollbackStatus is null ? null : new RollbackDescription(s.RollbackStatus, s.RollbackError);
        return s.Kind switch
        {
            StepKind.Step => new StepDescription(StepKind.Step, s.Name, s.Count, StepStatus(s.Status), Time(s.StartedAt),
                Time(s.EndedAt), null, Json(s.Output), error,
                attempts.Select(a => new AttemptDescription(a.Attempt, Time(a.StartedAt), Time(a.EndedAt), a.Success,
                    a.ErrorName is null ? null : new ErrorDescription(a.ErrorName, a.ErrorMessage ?? ""))).ToList(),
                rollback),
            StepKind.Sleep => new StepDescription(StepKind.Sleep, s.Name, s.Count, null, Time(s.StartedAt),
                Time(s.EndedAt ?? s.WakeAt), s.Status == StepKind.Complete, null, null, null, null),
            _ => new StepDescription(StepKind.WaitForEvent, s.Name, s.Count, null, Time(s.StartedAt), Time(s.EndedAt),
                s.Status != StepKind.Waiting, Json(s.Output), error, null, null),
        };
    }

    /// <summary>A step between attempts is still running as far as a reader is concerned.</summary>
    private static string StepStatus(string status) => status == StepKind.Retrying ? "running" : status;

    private static JsonNode? Json(string? json) => json is null ? null : JsonNode.Parse(json);

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
