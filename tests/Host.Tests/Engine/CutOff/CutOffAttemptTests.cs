using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.CutOff;

/// <summary>
/// Attempts cut off by the host stopping (the engine disposed while the attempt runs, then a new engine on the same
/// data folder, as after <c>kill -9</c>) count against the step's retry limit and show in the describe; an instance
/// cut off more than <see cref="EngineOptions.MaxCrashRecoveries"/> times in a row is stopped.
/// </summary>
public sealed class CutOffAttemptTests
{
    [Fact]
    public async Task An_attempt_cut_off_by_a_host_stop_is_charged_and_the_next_attempt_is_number_2()
    {
        using var t = new TestEngine(typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3));
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("s1#1");

        t.Restart();
        await probe.WaitReachedAsync("s1#2");
        probe.Open("s1#2");
        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(["s1#1", "s1#2"], probe.Effects);
        var step = Assert.Single(t.Describe(id).Steps);
        Assert.Equal("complete", step.Status);
        Assert.Equal([false, true], step.Attempts!.Select(a => a.Success));
        Assert.Equal("HostStopped", step.Attempts![0].Error!.Name);
        Assert.Contains("host stopped while attempt 1 of step \"s1\" #1 was running", step.Attempts![0].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_with_limit_1_cut_off_twice_fails_without_a_third_run()
    {
        using var t = new TestEngine(typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 1));
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("s1#1");
        t.Restart();
        await probe.WaitReachedAsync("s1#2");
        t.Restart();

        await t.WaitForStatusAsync(id, "errored");

        Assert.Equal(["s1#1", "s1#2"], probe.Effects);
        var described = t.Describe(id);
        Assert.Equal("HostStopped", described.Error!.Name);
        var step = Assert.Single(described.Steps);
        Assert.Equal("errored", step.Status);
        Assert.Equal(["HostStopped", "HostStopped"], step.Attempts!.Select(a => a.Error!.Name));
        Assert.Equal([1, 2], step.Attempts!.Select(a => a.Attempt));
    }

    [Fact]
    public async Task An_instance_cut_off_more_than_MaxCrashRecoveries_times_in_a_row_is_errored_with_CrashLoop()
    {
        using var t = new TestEngine(new EngineOptions { MaxCrashRecoveries = 2 }, typeof(CutOffWorkflow));
        var id = await CrashLoopAsync(t);

        Assert.Equal(["s1#1", "s1#2", "s1#3"], Probe.For(id).Effects);
        var described = t.Describe(id);
        Assert.Equal("CrashLoop", described.Error!.Name);
        Assert.Contains("3 times in a row", described.Error.Message, StringComparison.Ordinal);
        Assert.Contains("the limit is 2", described.Error.Message, StringComparison.Ordinal);
        var step = Assert.Single(described.Steps);
        Assert.Equal("errored", step.Status);
        Assert.Equal(3, step.Attempts!.Count(a => a.Error?.Name == "HostStopped"));
    }

    [Fact]
    public async Task Each_charged_attempt_and_the_crash_loop_stop_are_logged_with_the_counts_an_operator_needs()
    {
        using var t = new TestEngine(new EngineOptions { MaxCrashRecoveries = 2 }, typeof(CutOffWorkflow));
        var id = await CrashLoopAsync(t);

        var entries = t.Logs.Entries.Where(e => e.Message.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { 1, 2, 3 }.Select(n => $"Attempt {n} of step s1 #1 of instance {id} of tenant t1 was cut off by the host stopping; it is charged to the step (recovery {n} in a row)"),
            entries.Where(e => e.EventId == EventIds.AttemptCutOff).Select(e => e.Message));
        var crashLoop = Assert.Single(entries, e => e.EventId == EventIds.CrashLoop);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, crashLoop.Level);
        Assert.Equal($"Instance {id} of tenant t1 was cut off by the host stopping 3 times in a row (limit 2); it is stopped as errored (CrashLoop)",
            crashLoop.Message);
        Assert.Equal($"Instance {id} of tenant t1 errored: CrashLoop: cut off by the host stopping 3 times in a row",
            Assert.Single(entries, e => e.EventId == EventIds.InstanceErrored).Message);
    }

    [Fact]
    public async Task Progress_between_host_stops_resets_the_count_of_recoveries_in_a_row()
    {
        using var t = new TestEngine(new EngineOptions { MaxCrashRecoveries = 1 }, typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3, Steps: 2));
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("s1#1");
        t.Restart();
        await probe.WaitReachedAsync("s1#2");
        probe.Open("s1#2");
        await probe.WaitReachedAsync("s2#1");
        t.Restart();
        await probe.WaitReachedAsync("s2#2");
        probe.Open("s2#2");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(["s1#1", "s1#2", "s2#1", "s2#2"], probe.Effects);
    }

    [Fact]
    public async Task An_attempt_that_ended_before_the_host_stopped_is_not_charged()
    {
        using var t = new TestEngine(typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 3, Steps: 2));
        var probe = Probe.For(id);
        probe.Open("s1#1");
        await probe.WaitReachedAsync("s2#1");
        t.Restart();
        await probe.WaitReachedAsync("s2#2");
        probe.Open("s2#2");
        await t.WaitForStatusAsync(id, "complete");

        var steps = t.Describe(id).Steps;
        Assert.Equal([true], steps[0].Attempts!.Select(a => a.Success));
        Assert.Equal(["HostStopped", null], steps[1].Attempts!.Select(a => a.Error?.Name));
    }

    /// <summary>Creates an instance and stops the host under its step three times in a row; returns it once errored.</summary>
    private static async Task<string> CrashLoopAsync(TestEngine t)
    {
        var id = await t.CreateAsync("cut-off", new CutOffParams(Limit: 10));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Probe.For(id).WaitReachedAsync($"s1#{attempt}");
            t.Restart();
        }

        await t.WaitForStatusAsync(id, "errored");
        return id;
    }
}
