using System.Collections.Frozen;

namespace Skein.Host.Storage;

/// <summary>
/// The names the SQLite log stores statuses and step kinds under (the <c>status</c> and <c>kind</c> columns, and the
/// history's JSON). They are the on-disk format: logs written by every shipped schema hold them, so they never change.
/// </summary>
internal static class StoredNames
{
    private static readonly FrozenDictionary<InstanceStatus, string> Statuses = new Dictionary<InstanceStatus, string>
    {
        [InstanceStatus.Queued] = "queued",
        [InstanceStatus.Running] = "running",
        [InstanceStatus.Paused] = "paused",
        [InstanceStatus.WaitingForPause] = "waitingForPause",
        [InstanceStatus.Waiting] = "waiting",
        [InstanceStatus.Complete] = "complete",
        [InstanceStatus.Errored] = "errored",
        [InstanceStatus.Terminated] = "terminated",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<StepKind, string> Kinds = new Dictionary<StepKind, string>
    {
        [StepKind.Step] = "step",
        [StepKind.Sleep] = "sleep",
        [StepKind.WaitForEvent] = "waitForEvent",
        [StepKind.ChildWorkflow] = "childWorkflow",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<StepStatus, string> StepStatuses = new Dictionary<StepStatus, string>
    {
        [StepStatus.Retrying] = "retrying",
        [StepStatus.Complete] = "complete",
        [StepStatus.Errored] = "errored",
        [StepStatus.Waiting] = "waiting",
        [StepStatus.TimedOut] = "timedOut",
        [StepStatus.Terminated] = "terminated",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, InstanceStatus> StatusesByName = Statuses.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, StepKind> KindsByName = Kinds.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, StepStatus> StepStatusesByName = StepStatuses.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(InstanceStatus status) => Statuses[status];

    public static string Name(StepKind kind) => Kinds[kind];

    public static string Name(StepStatus status) => StepStatuses[status];

    public static InstanceStatus ToInstanceStatus(string name) =>
        StatusesByName.TryGetValue(name, out var status) ? status : throw Unknown("instance status", name);

    public static StepKind ToStepKind(string name) =>
        KindsByName.TryGetValue(name, out var kind) ? kind : throw Unknown("step kind", name);

    public static StepStatus ToStepStatus(string name) =>
        StepStatusesByName.TryGetValue(name, out var status) ? status : throw Unknown("step status", name);

    // A name no shipped schema writes: the file was written by a newer Skein or edited by hand.
    private static InvalidDataException Unknown(string what, string name) =>
        new($"The log holds the {what} '{name}', which this Skein does not know.");
}
