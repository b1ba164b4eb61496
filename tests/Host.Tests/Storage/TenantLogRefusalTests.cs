using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// Writes the log refuses without a superseded run: marking running an instance that is paused, recording a
/// rollback for a step that was never written, and an event wait of a finished run, which takes no event.
/// </summary>
public sealed class TenantLogRefusalTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public TenantLogRefusalTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_paused_instance_is_not_marked_running()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync("a", 1, 10));
        Assert.Equal(InstanceStatus.Running, await _log.TransitionAsync("a", [InstanceStatus.Running], InstanceStatus.Paused, 11));

        Assert.False(await _log.MarkRunningAsync("a", 1, 12));
        Assert.Equal(InstanceStatus.Paused, _log.FindInstance("a")!.Status);
    }

    [Fact]
    public async Task A_rollback_for_a_step_that_was_never_written_is_refused()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync("a", 1, 10));
        Assert.True(await _log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "s0", 1, StepStatus.Complete, 1, Output: "1", EndedAt: 2), 11));

        Assert.False(await _log.WriteRollbackAsync("a", 1, 5, StepStatus.Complete, null, 12));
        Assert.True(await _log.WriteRollbackAsync("a", 1, 0, StepStatus.Complete, null, 13));
    }

    [Fact]
    public async Task An_event_wait_of_a_finished_run_is_fenced_and_takes_no_event()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync("a", 1, 10));
        Assert.True(await _log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 11));

        var wait = new StepWrite("a", 1, 0, StepKind.WaitForEvent, "w", 1, StepStatus.Waiting, 1, EventType: "e");
        var outcome = await _log.StartEventWaitAsync(wait, 12);

        Assert.Equal(new EventWaitOutcome(true, false, null, 0), outcome);
    }
}
