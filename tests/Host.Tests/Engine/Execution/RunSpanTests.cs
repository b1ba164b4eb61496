using Skein.Host.Engine;
using Skein.Host.Telemetry;
using Skein.Host.Tests.Engine.Cache;
using Skein.Host.Tests.Telemetry;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>How each run of an instance ends, as its <c>skein.run</c> span says, and the events a run records.</summary>
public sealed class RunSpanTests
{
    [Fact]
    public async Task A_run_that_parks_ends_parked_and_the_run_that_carries_on_ends_complete()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Sleeper));
        var id = await CreateAsync(t, "sleeper", 5);
        await WaitParkedAsync(t, id, "nap");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));
        await t.WaitForStatusAsync(id, "complete");

        await RunEndsAsync(spans, id, "parked", "complete");
    }

    [Fact]
    public async Task With_the_cache_off_a_run_that_only_waits_ends_waiting()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 0 }, typeof(Sleeper));
        var id = await CreateAsync(t, "sleeper", 5);
        await t.WaitForStatusAsync(id, "waiting");
        // The run may still be in memory for a moment after the waiting mark: a wake then would carry it on.
        await Eventually.Until(() => spans.Runs(id).Count == 1, "the first run to end");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));
        await t.WaitForStatusAsync(id, "complete");

        await RunEndsAsync(spans, id, "waiting", "complete");
    }

    [Fact]
    public async Task A_paused_run_ends_paused()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Gated));
        var id = await CreateAsync(t, "gated", null);
        await Probe.For(id).WaitReachedAsync("body");

        await t.Engine.PauseAsync(TestEngine.Tenant, id);
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "paused");

        await RunEndsAsync(spans, id, "paused");
    }

    [Theory]
    [InlineData(true, "terminated")]
    [InlineData(false, "abandoned")]
    public async Task A_terminated_run_ends_terminated_after_its_rollbacks_or_abandoned_without(bool rollback, string end)
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Gated));
        var id = await CreateAsync(t, "gated", null);
        await Probe.For(id).WaitReachedAsync("body");

        await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback);

        await RunEndsAsync(spans, id, end);
    }

    [Fact]
    public async Task A_run_that_a_resume_found_with_a_step_held_ends_replay_and_its_replay_carries_on()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Actor.RetryBesideStep));
        var id = $"held-{Guid.NewGuid():n}";
        var probe = Probe.For(id);
        probe.FailuresLeft["flaky"] = 1;
        await t.CreateAsync("retry-beside-step", id: id);
        await probe.WaitReachedAsync("body");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "flaky" && s.Attempts is { Count: 1 }), "the flaky step to wait for its retry");

        // The pause cuts the retry delay short and holds the step; the resume finds it held, so the code is replayed.
        await t.Engine.PauseAsync(TestEngine.Tenant, id);
        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await Eventually.Until(() => probe.Count("run"), n => n == 2, "the instance's code to be replayed");
        t.Advance(TimeSpan.FromMinutes(1));
        probe.Open("body");
        await t.WaitForStatusAsync(id, "complete");

        await RunEndsAsync(spans, id, "replay", "complete");
    }

    [Fact]
    public async Task A_run_that_continues_as_new_ends_continued()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(ContinueOnce));
        var id = await CreateAsync(t, "continue-once", new LoopState(1, 2));
        Probe.For(id).Open("a");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "never"), "the next run to wait");

        await Eventually.Until(() => spans.Runs(id).Count >= 1, "the first run span ended");
        Assert.Equal("continued", spans.Runs(id)[0].GetTagItem(SkeinAttributes.RunEnd));
    }

    [Fact]
    public async Task A_wait_and_the_event_that_ends_it_are_events_of_the_run()
    {
        using var spans = new RecordedSpans();
        using var t = new TestEngine(typeof(Approval));
        var id = await CreateAsync(t, "approval", 60);
        await WaitParkedAsync(t, id, "first");

        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"ann\"");
        await WaitParkedAsync(t, id, "second");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"bob\"");
        await t.WaitForStatusAsync(id, "complete");
        await Eventually.Until(() => spans.Runs(id).Any(r => Equals(r.GetTagItem(SkeinAttributes.RunEnd), "complete")), "the last run span ended");

        var events = spans.Runs(id).SelectMany(r => r.Events).ToList();
        var waits = events.Where(e => e.Name == "skein.wait").ToList();
        Assert.Equal(["first", "second"], waits.Select(e => e.Tags.Single(tag => tag.Key == SkeinAttributes.Step).Value));
        Assert.All(waits, e => Assert.Equal("approval", e.Tags.Single(tag => tag.Key == SkeinAttributes.EventType).Value));
        Assert.Equal(2, events.Count(e => e.Name == "skein.event"));
    }

    private static async Task<string> CreateAsync(TestEngine t, string workflow, object? parameters)
    {
        var id = $"{workflow}-{Guid.NewGuid():n}";
        await t.CreateAsync(workflow, parameters, id);
        return id;
    }

    /// <summary>Waits until the run parked on the wait or sleep <paramref name="step"/>: an event or a wake goes to it in memory.</summary>
    private static Task WaitParkedAsync(TestEngine t, string id, string step) =>
        Eventually.Until(() => t.Describe(id) is { Status: "waiting" } d && d.Steps[^1].Name == step && t.Runtimes.Executions.Count == 1,
            $"the run to park on \"{step}\"");

    private static async Task RunEndsAsync(RecordedSpans spans, string id, params string[] ends)
    {
        await Eventually.Until(() => spans.Runs(id).Count >= ends.Length, $"{ends.Length} run span(s) to end");
        Assert.Equal(ends, spans.Runs(id).Select(r => (string?)r.GetTagItem(SkeinAttributes.RunEnd)));
    }
}
