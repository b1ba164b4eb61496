using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Attempts;

/// <summary>A step whose attempt fails while a pause is asked for: its retry waits for the pause to be settled.</summary>
public sealed class PausedRetryTests
{
    [Fact]
    public async Task An_attempt_that_fails_during_a_pause_is_retried_only_after_the_resume_even_with_no_retry_delay()
    {
        using var t = new TestEngine(typeof(GatedRetry));
        var id = await t.CreateAsync("gated-retry", 0);
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("call#1");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        probe.Open("call#1");
        await t.WaitForStatusAsync(id, "paused");
        await t.WaitUntilIdleAsync();
        Assert.Equal(["call#1"], probe.Effects);

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await probe.WaitReachedAsync("call#2");
        probe.Open("call#2");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(["call#1", "call#2"], probe.Effects);
    }

    [Fact]
    public async Task A_pause_resumed_before_it_took_effect_leaves_a_later_retry_delay_to_run_its_course()
    {
        using var t = new TestEngine(typeof(GatedRetry));
        var id = await t.CreateAsync("gated-retry", 60_000);
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("call#1");
        await t.Engine.PauseAsync(TestEngine.Tenant, id);
        await t.Engine.ResumeAsync(TestEngine.Tenant, id);

        probe.Open("call#1");
        await t.WaitForLogAsync(id, d => d.Steps.SingleOrDefault()?.Attempts?.Count == 1, "the first attempt's failure");
        await t.WaitUntilIdleAsync();
        Assert.Equal(["call#1"], probe.Effects);

        t.Advance(TimeSpan.FromMinutes(1));
        await probe.WaitReachedAsync("call#2");
        probe.Open("call#2");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(["call#1", "call#2"], probe.Effects);
    }
}
