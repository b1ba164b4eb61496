using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>A continue-as-new is an end of the run for its children: those it left unfinished are terminated.</summary>
public sealed class ChildContinueAsNewTests
{
    [Fact]
    public async Task A_continue_as_new_terminates_the_children_its_run_left_unfinished()
    {
        using var t = new TestEngine(typeof(ParentContinues), typeof(ChildWaiter));
        var id = await t.CreateAsync("parent-continues", 0);
        var child = $"{id}-child-1";
        await Eventually.Until(() => t.Engine.Describe(TestEngine.Tenant, child), d => d is not null, "the child to exist");
        await t.WaitForStatusAsync(child, "waiting");
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));

        // Run 2 is asleep: nothing of the instance has ended, yet run 1's child has.
        await Eventually.Until(() => t.Describe(id), d => d.Run == 2 && d.Status == "waiting", "run 2 asleep");
        Assert.Equal("terminated", await t.WaitForStatusAsync(child, "terminated", "complete", "errored"));
        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(1));
        Assert.Equal("complete", await t.WaitForStatusAsync(id, "complete"));
        Assert.Equal(42, t.Describe(id).Output!.GetValue<int>());
    }
}
