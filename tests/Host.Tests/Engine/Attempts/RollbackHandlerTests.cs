using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Attempts;

/// <summary>Rollback handlers: which steps get one, what they are given, and how the engine counts them while they run.</summary>
public sealed class RollbackHandlerTests
{
    [Fact]
    public async Task Only_steps_with_a_handler_are_rolled_back_and_the_handler_gets_the_step_s_idempotency_key()
    {
        using var t = new TestEngine(typeof(PartlyUndoable));
        var id = await t.CreateAsync("partly-undoable");

        await t.WaitForStatusAsync(id, "errored");

        Assert.Equal([$"undo {id}/book/1"], Probe.For(id).Effects);
        var steps = t.Describe(id).Steps;
        Assert.Null(steps.Single(s => s.Name == "note").Rollback);
        Assert.Equal("complete", steps.Single(s => s.Name == "book").Rollback!.Status);
    }

    [Fact]
    public async Task A_running_rollback_handler_counts_as_a_running_body_until_it_ends()
    {
        using var t = new TestEngine(typeof(PartlyUndoable));
        var id = "undo-gated-" + Guid.NewGuid().ToString("n");
        var probe = Probe.For(id);
        probe.Variant = 1;
        await t.CreateAsync("partly-undoable", id: id);

        await probe.WaitReachedAsync("undo");
        await t.WaitUntilIdleAsync(stepBodiesRunning: 1);
        probe.Open("undo");

        await t.WaitForStatusAsync(id, "errored");
        await t.WaitUntilIdleAsync();
        Assert.Equal([$"undo {id}/book/1"], probe.Effects);
    }

    [Fact]
    public async Task A_handler_that_throws_leaves_its_rollback_errored_with_the_exception_s_type_and_message()
    {
        using var t = new TestEngine(typeof(PartlyUndoable));
        var id = "undo-throws-" + Guid.NewGuid().ToString("n");
        Probe.For(id).Variant = 2;
        await t.CreateAsync("partly-undoable", id: id);

        await t.WaitForStatusAsync(id, "errored");

        var rollback = t.Describe(id).Steps.Single(s => s.Name == "book").Rollback!;
        Assert.Equal("errored", rollback.Status);
        Assert.StartsWith("InvalidOperationException: the booking is gone", rollback.Error, StringComparison.Ordinal);
    }
}
