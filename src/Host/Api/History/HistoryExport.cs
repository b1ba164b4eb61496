using System.Text.Json.Nodes;

namespace Skein.Host.Api.History;

/// <summary>
/// The shape of the history export (format <c>skein.history</c>, version 1) as the API document shows it.
/// <see cref="HistoryWriter"/> writes it by hand, page by page, so a long history is never one object in memory; these
/// records only describe it, and <c>HistoryExportSchemaTests</c> checks that every name the writer writes is here.
/// Times are ISO 8601 UTC; <c>params</c>, <c>output</c>, <c>trigger</c> and <c>data</c> are JSON as stored.
/// </summary>
internal sealed record HistoryExport(
    string Format,
    int Version,
    string Tenant,
    HistoryExport.HistoryInstance Instance,
    IReadOnlyList<HistoryExport.HistoryRun> Runs,
    IReadOnlyList<HistoryExport.HistoryStep> Steps,
    IReadOnlyList<HistoryExport.HistoryEntry> Events)
{
    /// <summary>The instance row: <c>run</c> is the current run's number (1 unless it continued as new).</summary>
    internal sealed record HistoryInstance(
        string Id, string Workflow, int Version, string Status, JsonNode? Params, JsonNode? Output, ErrorDescription? Error,
        DateTimeOffset? CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int Run, JsonNode? Trigger, HistoryParent? Parent);

    /// <summary>The parent instance and the step (by name and log position) that started this child.</summary>
    internal sealed record HistoryParent(string Id, string Step, int Position);

    /// <summary>An earlier run of an instance that continued as new.</summary>
    internal sealed record HistoryRun(int Run, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

    /// <summary>A step row as logged, in log position order, with every attempt the log keeps.</summary>
    internal sealed record HistoryStep(
        int Position, string Type, string Name, int Count, string Status, JsonNode? Output, ErrorDescription? Error,
        string? EventType, DateTimeOffset? WakeAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, HistoryRollback? Rollback,
        string? ChildId, string? ChildWorkflow, IReadOnlyList<HistoryAttempt> Attempts);

    /// <summary>A step's rollback: its status and, when it failed, its error message.</summary>
    internal sealed record HistoryRollback(string Status, string? Error);

    /// <summary>One attempt of a step; a failed one's error carries the tenant's stack frames.</summary>
    internal sealed record HistoryAttempt(int Attempt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, bool Success, ErrorDescription? Error);

    /// <summary>One history entry, in commit order: <c>kind</c> names it (status, event, log, child…), <c>data</c> holds it.</summary>
    internal sealed record HistoryEntry(long Seq, DateTimeOffset? At, string Kind, JsonNode? Data);
}
