using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>
/// Child workflows in a replay of their parent: they count towards its steps per instance as in the run that started
/// them, and one still running is waited for. The cache is off, so every wake of the parent replays its log.
/// </summary>
public sealed class ChildReplayTests
{
    [Fact]
    public async Task A_parent_may_start_exactly_as_many_children_as_the_step_limit()
    {
        using var t = Engine(maxSteps: 3);
        var id = await t.CreateAsync("parent-in-turn", 3);

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(12, t.Describe(id).Output!.GetValue<int>());
    }

    [Fact]
    public async Task A_parent_asking_for_one_child_more_than_the_step_limit_errors_with_the_limit_in_its_message()
    {
        using var t = Engine(maxSteps: 2);
        var id = await t.CreateAsync("parent-in-turn", 3);

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal(2, described.Steps.Count);
        Assert.Equal("The instance asked for more than 2 steps, the limit per instance.", described.Error!.Message);
    }

    [Fact]
    public async Task A_replay_that_finds_its_child_still_running_waits_for_the_child_s_end()
    {
        using var t = Engine(maxSteps: 10);
        var id = await t.CreateAsync("parent-naps-beside-child", 1);
        var child = $"{id}-child-1";
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("waiting", t.Describe(id).Status);
        Assert.Equal("waiting", t.Describe(child).Status);

        await t.Engine.SendEventAsync(TestEngine.Tenant, child, "release", "7");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(7, t.Describe(id).Output!.GetValue<int>());
    }

    [Fact]
    public async Task A_replay_that_no_longer_matches_its_log_errors_with_the_mismatch_even_when_it_then_asks_for_too_many_children()
    {
        using var t = Engine(maxSteps: 1);
        var id = await t.CreateAsync("parent-changes-its-mind", 0);
        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();

        t.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("errored", await t.WaitForStatusAsync(id, "errored", "complete"));
        var error = t.Describe(id).Error!;
        Assert.Equal("NonDeterminismException", error.Name);
        Assert.Contains("\"nap\"", error.Message, StringComparison.Ordinal);
    }

    private static TestEngine Engine(int maxSteps) =>
        new(new EngineOptions { MaxStepsPerInstance = maxSteps, MaxCachedExecutions = 0 }, typeof(ParentInTurn), typeof(ParentNapsBesideChild), typeof(ParentChangesItsMind), typeof(ChildDouble), typeof(ChildWaiter));
}
