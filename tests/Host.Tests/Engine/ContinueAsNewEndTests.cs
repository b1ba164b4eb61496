using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// How a continue-as-new ends its run: the params it hands on are held to a create's limits and refused (after the
/// run's rollbacks) when the next run could not read them; a replay that skips logged steps to reach it fails.
/// </summary>
public sealed class ContinueAsNewEndTests
{
    [Fact]
    public async Task Params_of_exactly_the_size_limit_start_the_next_run()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(ContinueSized));
        // 1,022 characters and the two quotes of the JSON string: 1,024 bytes.
        var id = await t.CreateAsync("continue-sized", "1022");

        await t.WaitForStatusAsync(id, "complete");

        var described = t.Describe(id);
        Assert.Equal(2, described.Run);
        Assert.Equal(1022, described.Output!.GetValue<int>());
    }

    [Fact]
    public async Task Params_the_next_run_could_not_read_end_the_instance_errored_after_its_rollbacks_and_are_logged_as_refused()
    {
        using var t = new TestEngine(typeof(ContinueUnreadable));
        var id = await t.CreateAsync("continue-unreadable", new Picky("first"));

        await t.WaitForStatusAsync(id, "errored");
        await t.WaitUntilIdleAsync();

        var described = t.Describe(id);
        Assert.Equal(1, described.Run);
        Assert.Equal("JsonException", described.Error!.Name);
        Assert.Equal(["undo reserve"], Probe.For(id).Effects);
        Assert.Equal("complete", described.Steps.Single(s => s.Name == "reserve").Rollback!.Status);
        var refused = Assert.Single(t.Logs.Entries, e => e.EventId == EventIds.ContinueAsNewRefused);
        Assert.StartsWith($"Instance {id} of tenant t1 could not continue as new and ends errored: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(described.Error.Message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_continues_after_a_pause_was_asked_tells_a_watcher_the_instance_is_paused()
    {
        using var t = new TestEngine(typeof(ContinueOnce));
        var id = await t.CreateAsync("continue-once", new LoopState(1, 2));
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("a");
        await t.Engine.PauseAsync(TestEngine.Tenant, id);
        var paused = t.WaitForStatusAsync(id, "paused");

        probe.Open("a");

        Assert.Equal("paused", await paused);
        await t.WaitUntilIdleAsync();
        Assert.Equal((2, "paused"), (t.Describe(id).Run, t.Describe(id).Status));
        Assert.Equal(0, probe.Count("run 2"));
    }

    [Fact]
    public async Task A_replay_that_reaches_the_continue_without_a_logged_step_fails_naming_the_step_and_the_continue()
    {
        using var t = new TestEngine(typeof(ContinueAfterNap));
        var id = "nondet-continue-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync("continue-after-nap", 1, id);
        await t.WaitForStatusAsync(id, "waiting");

        // The code changes under the sleeping instance; it is replayed when the sleep ends.
        Probe.For(id).Variant = 1;
        t.Restart();
        t.Advance(TimeSpan.FromMinutes(5));
        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal(1, described.Run);
        Assert.Equal(nameof(Skein.TenantSdk.NonDeterminismException), described.Error!.Name);
        Assert.StartsWith("Non-determinism at log position 0: the log holds sleep \"nap\" #1, but the workflow asked for the continue-as-new that ended the run.",
            described.Error.Message, StringComparison.Ordinal);
    }
}
