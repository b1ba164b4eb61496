using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// Pause and terminate of an instance whose code is in memory: watchers of its status (the API's <c>?wait=</c>, the
/// status stream) are told what the control wrote, and a step waiting to retry does not hold the control up.
/// </summary>
public sealed class RunningControlTests
{
    [Fact]
    public async Task A_watcher_of_a_running_instance_is_told_when_a_pause_is_asked()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        var told = StatusWatch.Start(t, id, s => s == InstanceStatus.WaitingForPause);

        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        // The step is held at its gate: nothing else writes, so only the pause can tell the watcher.
        Assert.Equal(InstanceStatus.WaitingForPause, await told);
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "paused");
    }

    [Fact]
    public async Task A_watcher_of_a_running_instance_is_told_when_a_terminate_with_rollback_ends_it()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        var told = StatusWatch.Start(t, id, s => s == InstanceStatus.Terminated);

        Assert.Equal(InstanceStatus.Terminated, await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: true));

        Assert.Equal(InstanceStatus.Terminated, await told);
    }

    [Fact]
    public async Task A_terminate_with_rollback_of_a_step_waiting_to_retry_ends_it_without_waiting_for_the_retry()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "retry-later", failures: 5, new RetryParams(5, (int)TimeSpan.FromHours(1).TotalMilliseconds, Backoff.Constant));
        // Its first attempt failed and is logged: the step waits an hour for the next.
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Attempts?.Count == 1), "the step to wait for its retry");

        var answered = await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: true).WaitAsync(Eventually.DefaultDeadline);

        Assert.Equal(InstanceStatus.Terminated, answered);
        Assert.Equal(["call#1"], Probe.For(id).Effects.Where(e => e.StartsWith("call#", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_watcher_is_told_running_when_a_resume_comes_before_the_pause_took_effect()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        var told = StatusWatch.Start(t, id, s => s == InstanceStatus.Running);

        Assert.Equal(InstanceStatus.Running, await t.Engine.ResumeAsync(TestEngine.Tenant, id));

        // The step is still held at its gate: nothing else writes, so only the resume can tell the watcher.
        Assert.Equal(InstanceStatus.Running, await told);
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "complete");
    }

    [Fact]
    public async Task A_resume_before_the_pause_took_effect_carries_on_in_memory_without_a_replay()
    {
        using var t = new TestEngine(typeof(GateThenEvent));
        var id = await t.CreateAsync("gate-then-event");
        await Probe.For(id).WaitReachedAsync("before");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        Assert.Equal(InstanceStatus.Running, await t.Engine.ResumeAsync(TestEngine.Tenant, id));
        Probe.For(id).Open("before");
        // Sent once the run has settled into waiting: an event racing the waiting mark is answered by a replay.
        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"went\"");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("run"));
    }

    [Fact]
    public async Task An_event_sent_before_its_wait_is_handed_to_the_wait_at_once_without_a_replay()
    {
        using var t = new TestEngine(typeof(GateThenEvent));
        var id = await t.CreateAsync("gate-then-event");
        await Probe.For(id).WaitReachedAsync("before");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"early\"");

        Probe.For(id).Open("before");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("early", t.Describe(id).Output!.GetValue<string>());
        Assert.Equal(1, Probe.For(id).Count("run"));
    }
}
