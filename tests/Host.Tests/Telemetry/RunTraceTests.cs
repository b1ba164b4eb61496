using Skein.Host.Telemetry;

namespace Skein.Host.Tests.Telemetry;

/// <summary>The attempt spans' names and numbers, which <see cref="RunTrace"/> reuses between attempts to save allocations.</summary>
public sealed class RunTraceTests
{
    [Fact]
    public void Each_attempt_span_is_named_after_its_own_step_and_carries_its_own_numbers()
    {
        using var spans = new RecordedSpans();
        var id = "run-trace-" + Guid.NewGuid().ToString("n");
        var trace = new RunTrace("acme", id, "flow", 7, 2, InstanceTracing.NewTraceParent());
        trace.Start();
        foreach (var (step, count, attempt) in new[] { ("load", 1, 1), ("load", 1, 2), ("save", 1, 1), ("load", 2, 300) })
        {
            RunTrace.StopAttempt(trace.StartAttempt(step, count, attempt), AttemptOutcomes.Success, null, null);
        }

        trace.Stop("complete");

        var attempts = spans.Attempts(id);
        Assert.Equal(["step load", "step load", "step save", "step load"], attempts.Select(a => a.DisplayName));
        Assert.Equal([1, 1, 1, 2], attempts.Select(a => (int)a.GetTagItem(SkeinAttributes.StepCount)!));
        Assert.Equal([1, 2, 1, 300], attempts.Select(a => (int)a.GetTagItem(SkeinAttributes.Attempt)!));
        Assert.All(attempts, a => Assert.Equal(7, a.GetTagItem(SkeinAttributes.Version)));
        Assert.Equal(2, Assert.Single(spans.Runs(id)).GetTagItem(SkeinAttributes.Generation));
    }
}
