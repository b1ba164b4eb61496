using System.Text.Json.Nodes;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// Puts an instance's next write at the tenant log's commit gate so a control can be queued behind it (or ahead of
/// it) in a known order; every wait is on a condition, so the order holds however slow the machine is.
/// </summary>
internal static class HeldWrites
{
    /// <summary>
    /// Opens the gated step's body with commits held, lets the step's outcome commit alone, and returns once the
    /// write the execution makes next (a pause completing, the run's end) is held at the gate, not yet committed.
    /// </summary>
    public static async Task<CommitGate> HoldTheWriteAfterStepAsync(TestEngine t, string id, string step)
    {
        var gate = t.Log.HoldCommits();
        Probe.For(id).Open("body");
        await HeldAsync(gate);
        gate.ReleaseOne();
        await Eventually.Until(
            () => (Committed: t.Describe(id).Steps.Any(s => s.Name == step && s.Status is "complete" or "errored"), Held: gate.BatchesHeld),
            v => v.Committed && v.Held > 0,
            $"the step '{step}' committed and the next batch held");
        return gate;
    }

    public static Task<int> HeldAsync(CommitGate gate) =>
        Eventually.Until(() => gate.BatchesHeld, n => n > 0, "a batch held at the commit gate");

    /// <summary>Waits until a write is queued behind the batch held at the gate.</summary>
    public static Task<int> QueuedBehindAsync(TestEngine t, string what) =>
        Eventually.Until(() => t.Log.QueuedWrites, n => n > 0, what);

    /// <summary>Ends the instance in the log behind the engine's back, as a parent's termination ends a child.</summary>
    public static Task<int> EndInLog(TestEngine t, string id) =>
        t.Log.RawWriteAsync(tx => tx.Execute(
            "UPDATE instances SET status = 'terminated', ended_at = $1, updated_at = $1 WHERE id = $0", id, t.Time.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>The statuses the instance's history recorded, in commit order.</summary>
    public static IReadOnlyList<string> Statuses(TestEngine t, string id) =>
        [.. t.Log.ReadHistory(id, 0)
            .Where(h => h.Kind == "status" && h.Data is not null)
            .Select(h => JsonNode.Parse(h.Data!)!["status"]!.GetValue<string>())];
}
