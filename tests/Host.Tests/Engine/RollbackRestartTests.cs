using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class RollbackRestartTests
{
    [Fact]
    public async Task A_rollback_interrupted_by_a_restart_finishes_after_it_and_completes_each_handler_once()
    {
        using var t = new TestEngine(typeof(InterruptedSaga));
        var id = await t.CreateAsync("interrupted-saga");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("charge held");

        t.Restart();
        await t.WaitForStatusAsync(id, "errored");

        // "ship" was undone before the restart and is not undone again; "charge" was cut off, so it runs again.
        Assert.Equal(["undo ship SHIP", "undo charge started", "undo charge CHARGE", "undo reserve RESERVE"], probe.Effects);
        var described = t.Describe(id);
        Assert.Equal("confirmation failed", described.Error!.Message);
        Assert.All(described.Steps.Where(s => s.Name != "confirm"), s => Assert.Equal("complete", s.Rollback!.Status));
    }
}
