using Skein.Host.Storage;

namespace Skein.Host.Tests.Engine.Replay;

/// <summary>Rows of an instance's log, as the replay matcher sees them.</summary>
internal static class LoggedRows
{
    public static StepRow Step(int position, string name, StepStatus status, int count = 1, string? output = null, int attempts = 1,
        long? wakeAt = null) =>
        new(position, StepKind.Step, name, count, status, output, status == StepStatus.Complete ? null : "Boom",
            status == StepStatus.Complete ? null : "it failed", null, wakeAt, 1_000, null, null, null, attempts);

    public static StepRow Sleep(int position, string name, StepStatus status, long wakeAt = 5_000) =>
        new(position, StepKind.Sleep, name, 1, status, null, null, null, null, wakeAt, 1_000, null, null, null, 0);

    public static StepRow Wait(int position, string name, StepStatus status, string? output = null) =>
        new(position, StepKind.WaitForEvent, name, 1, status, output, null, null, "go", 9_000, 1_000, null, null, null, 0);
}
