using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class RollbackTests
{
    [Fact]
    public async Task A_failed_workflow_runs_rollback_handlers_in_reverse_start_order_once()
    {
        using var t = new TestEngine(typeof(Saga));
        var id = await t.CreateAsync("saga");

        await t.WaitForStatusAsync(id, "errored");

        Assert.Equal(
            ["undo ship SHIP InvalidOperationException", "undo charge CHARGE InvalidOperationException", "undo reserve RESERVE InvalidOperationException"],
            Probe.For(id).Effects);
        var described = t.Describe(id);
        Assert.Equal("confirmation failed", described.Error!.Message);
        Assert.Equal("complete", described.Steps.Single(s => s.Name == "charge").Rollback!.Status);
        Assert.Null(described.Steps.Single(s => s.Name == "confirm").Rollback);
    }
}
