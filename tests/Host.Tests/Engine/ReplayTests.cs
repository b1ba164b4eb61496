using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class ReplayTests
{
    [Fact]
    public async Task After_an_engine_restart_completed_steps_are_not_run_again()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");
        probe.Open("body");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "slow" && s.Status == "complete"), "the first step");
        await t.WaitForStatusAsync(id, "complete");

        // A new engine over the same log: restart from "done" replays "slow" from the log.
        t.Restart();
        await t.Engine.RestartAsync(TestEngine.Tenant, id, "done");
        await t.WaitForAsync(id, s => s == "complete" && probe.Count("done") == 2, "complete again");

        Assert.Equal(1, probe.Count("slow"));
    }

    [Fact]
    public async Task Unfinished_instances_are_recovered_when_the_engine_starts()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");

        // The step never finished before the "crash": it runs again after the restart.
        t.Restart();
        Probe.For(id).Open("body");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("done"));
    }

    [Theory]
    [InlineData(3, "step \"other\" #1")]
    [InlineData(2, "step \"nap\" #1")]
    public async Task A_replay_that_asks_for_another_step_than_the_log_fails_naming_the_position_and_both(int variant, string requested)
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = "nondet-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync("sleeper", 5, id);
        await t.WaitForStatusAsync(id, "waiting");

        // The code changes under the sleeping instance; it is replayed when the sleep ends.
        Probe.For(id).Variant = variant;
        t.Restart();
        t.Advance(TimeSpan.FromMinutes(5));
        await t.WaitForStatusAsync(id, "errored");

        var error = t.Describe(id).Error!;
        Assert.Equal(nameof(NonDeterminismException), error.Name);
        Assert.Contains("log position 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("the log holds sleep \"nap\" #1", error.Message, StringComparison.Ordinal);
        Assert.Contains($"asked for {requested}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Probe.For(id).Count("after"));
    }
}
