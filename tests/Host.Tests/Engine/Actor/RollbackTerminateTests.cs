using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;
using static Skein.Host.Tests.Engine.Control.HeldWrites;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// Terminate with rollback of an instance whose code is in memory: the running step is cancelled, then the completed
/// steps are undone; and when the run was already writing its own end, the terminate answers with that end.
/// </summary>
public sealed class RollbackTerminateTests
{
    [Fact]
    public async Task Terminating_with_rollback_while_a_step_runs_cancels_it_then_undoes_the_completed_steps()
    {
        using var t = new TestEngine(typeof(UndoGated));
        var id = await t.CreateAsync("undo-gated");
        await Probe.For(id).WaitReachedAsync("body");

        var terminated = await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: true).WaitAsync(Eventually.DefaultDeadline);

        Assert.Equal(InstanceStatus.Terminated, terminated);
        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(1, Probe.For(id).Count("cancelled"));
        Assert.Equal(1, Probe.For(id).Count("undo reserve"));
    }

    [Fact]
    public async Task Terminating_with_rollback_as_the_run_writes_its_end_answers_with_that_end()
    {
        using var t = new TestEngine(typeof(UndoGated));
        var id = await t.CreateAsync("undo-gated");
        await Probe.For(id).WaitReachedAsync("body");
        using var gate = await HoldTheWriteAfterStepAsync(t, id, "slow");

        // The run's end is held before its commit: the terminate reads the instance running and stops the run.
        var terminate = t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: true);
        await Eventually.Until(() => Probe.For(id).Count("token cancelled"), n => n == 1, "the terminate to reach the finishing run");
        gate.Release();

        Assert.Equal(InstanceStatus.Complete, await terminate.WaitAsync(Eventually.DefaultDeadline));
        await t.WaitUntilIdleAsync();
        Assert.Equal("complete", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("undo reserve"));
    }
}
