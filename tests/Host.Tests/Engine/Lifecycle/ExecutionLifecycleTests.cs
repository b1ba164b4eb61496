using Skein.Host.Engine;
using S = Skein.Host.Engine.ExecutionState;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>The moves an execution's lifecycle allows, and the ones it refuses as engine bugs.</summary>
public sealed class ExecutionLifecycleTests
{
    public static TheoryData<string, string> Allowed => new()
    {
        { nameof(S.Replaying), nameof(S.Running) },
        { nameof(S.Replaying), nameof(S.Pausing) },
        { nameof(S.Replaying), nameof(S.Parked) },
        { nameof(S.Running), nameof(S.Pausing) },
        { nameof(S.Running), nameof(S.Terminating) },
        { nameof(S.Running), nameof(S.Parked) },
        { nameof(S.Running), nameof(S.Finishing) },
        { nameof(S.Pausing), nameof(S.Running) },
        { nameof(S.Pausing), nameof(S.Replaying) },
        { nameof(S.Pausing), nameof(S.Terminating) },
        { nameof(S.Pausing), nameof(S.Finishing) },
        { nameof(S.Terminating), nameof(S.Finishing) },
        { nameof(S.Parked), nameof(S.Running) },
        { nameof(S.Parked), nameof(S.Replaying) },
        { nameof(S.Parked), nameof(S.Ended) },
        { nameof(S.Finishing), nameof(S.Ended) },
    };

    public static TheoryData<string, string> Refused => new()
    {
        { nameof(S.Running), nameof(S.Replaying) },
        { nameof(S.Pausing), nameof(S.Parked) },
        { nameof(S.Terminating), nameof(S.Running) },
        { nameof(S.Terminating), nameof(S.Pausing) },
        { nameof(S.Terminating), nameof(S.Parked) },
        { nameof(S.Parked), nameof(S.Pausing) },
        { nameof(S.Parked), nameof(S.Terminating) },
        { nameof(S.Parked), nameof(S.Finishing) },
        { nameof(S.Finishing), nameof(S.Running) },
        { nameof(S.Finishing), nameof(S.Pausing) },
        { nameof(S.Finishing), nameof(S.Terminating) },
        { nameof(S.Finishing), nameof(S.Parked) },
        { nameof(S.Ended), nameof(S.Running) },
        { nameof(S.Ended), nameof(S.Replaying) },
        { nameof(S.Ended), nameof(S.Parked) },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_move_changes_the_state(string from, string to)
    {
        var lifecycle = new ExecutionLifecycle(Enum.Parse<S>(from));

        lifecycle.MoveTo(Enum.Parse<S>(to));

        Assert.Equal(to, lifecycle.State.ToString());
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_move_the_engine_never_makes_throws_and_keeps_the_state(string from, string to)
    {
        var lifecycle = new ExecutionLifecycle(Enum.Parse<S>(from));

        var error = Assert.Throws<InvalidOperationException>(() => lifecycle.MoveTo(Enum.Parse<S>(to)));

        Assert.Equal($"An execution cannot move from {from} to {to}.", error.Message);
        Assert.Equal(from, lifecycle.State.ToString());
    }

    [Fact]
    public void Every_state_but_ended_can_end()
    {
        foreach (var from in Enum.GetValues<S>().Where(s => s != S.Ended))
        {
            Assert.True(ExecutionLifecycle.IsAllowed(from, S.Ended), $"{from} → Ended");
        }
    }

    [Theory]
    [InlineData(nameof(S.Replaying), true, true)]
    [InlineData(nameof(S.Running), true, true)]
    [InlineData(nameof(S.Pausing), false, false)]
    [InlineData(nameof(S.Terminating), false, false)]
    [InlineData(nameof(S.Parked), false, false)]
    [InlineData(nameof(S.Finishing), false, false)]
    [InlineData(nameof(S.Ended), false, false)]
    public void Only_a_replaying_or_running_execution_runs_attempts_and_can_be_paused(string state, bool running, bool canPause)
    {
        var lifecycle = new ExecutionLifecycle(Enum.Parse<S>(state));

        Assert.Equal(running, lifecycle.IsRunning);
        Assert.Equal(canPause, lifecycle.CanPause);
    }
}
