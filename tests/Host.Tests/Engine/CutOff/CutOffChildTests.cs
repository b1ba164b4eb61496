using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.CutOff;

/// <summary>A child workflow stopped for crash-looping has ended: its parent's wait for it ends with its error.</summary>
public sealed class CutOffChildTests
{
    [Fact]
    public async Task A_child_stopped_for_crash_looping_fails_its_parents_child_step_and_the_parent_goes_on()
    {
        using var t = new TestEngine(new EngineOptions { MaxCrashRecoveries = 0 }, typeof(CutOffParent), typeof(CutOffWorkflow));
        var id = await t.CreateAsync("cut-off-parent", 0);
        var started = await t.WaitForLogAsync(id, d => d.Steps is [{ InstanceId: not null }], "the child started");
        var child = started.Steps[0].InstanceId!;
        await Probe.For(child).WaitReachedAsync("s1#1");

        t.Restart();

        Assert.Equal("errored", await t.WaitForStatusAsync(child, "errored"));
        Assert.Equal("complete", await t.WaitForStatusAsync(id, "complete", "errored"));
        var parent = t.Describe(id);
        Assert.Equal("errored:CrashLoop", parent.Output!.GetValue<string>());
        var step = Assert.Single(parent.Steps);
        Assert.Equal(("childWorkflow", "errored"), (step.Type, step.Status));
        Assert.Equal(t.Describe(child).Error, step.Error);
    }
}
