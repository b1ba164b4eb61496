using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A running child whose parent is terminated ends with it in the log; its code in memory is stopped too: the
/// step it runs is cancelled and its concurrency slot given back.
/// </summary>
public sealed class EndedWithParentTests
{
    [Fact]
    public async Task A_running_child_terminated_with_its_parent_has_its_step_cancelled_and_gives_its_slot_back()
    {
        using var t = new TestEngine(typeof(ParentOfGated), typeof(Gated));
        var parent = await t.CreateAsync("parent-of-gated");
        var child = $"{parent}-child-1";
        await Probe.For(child).WaitReachedAsync("body");

        await t.Engine.TerminateAsync(TestEngine.Tenant, parent);

        Assert.Equal("terminated", t.Describe(child).Status);
        await Eventually.Until(() => Probe.For(child).Count("cancelled"), n => n == 1, "the child's step to be cancelled");
        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running, n => n == 0, "the child's slot to be given back");
        Assert.Equal("terminated", t.Describe(child).Status);
    }
}
