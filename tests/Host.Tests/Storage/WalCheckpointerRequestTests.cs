using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// Requests that come while a checkpoint runs: the frames appended meanwhile are the next checkpoint's, so one more
/// runs after it; but a caller that waits for the checkpoints to stop (before closing or moving the files) gets
/// them stopped after the running one.
/// </summary>
public sealed class WalCheckpointerRequestTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;
    private readonly CommitGate _gate = new();

    public WalCheckpointerRequestTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        _log.Checkpointer.Gate = _gate;
    }

    private WalCheckpointer Checkpointer => _log.Checkpointer;

    public void Dispose()
    {
        _gate.Release();
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_checkpoint_asked_for_while_one_runs_runs_once_more_after_it()
    {
        await RunningAsync();
        Checkpointer.Request();
        Checkpointer.Request();

        _gate.ReleaseOne();
        await Eventually.Until(() => (Checkpointer.Completed, _gate.BatchesHeld), s => s == (1, 1),
            "the first checkpoint to end and one more to start");

        _gate.Release();
        await Eventually.Until(() => Checkpointer.Completed, n => n == 2, "the second checkpoint to end");
        Checkpointer.WaitIdle();
        Assert.Equal(2, Checkpointer.Completed);
        Assert.Null(Checkpointer.LastError);
    }

    [Fact]
    public async Task Waiting_for_the_checkpoints_to_stop_drops_a_request_that_came_while_one_ran()
    {
        await RunningAsync();
        Checkpointer.Request();

        var waiting = Task.Run(Checkpointer.WaitIdle);
        await Eventually.Until(() => Checkpointer.IdleWaiters, n => n == 1, "the caller to wait for the running checkpoint");
        _gate.Release();
        await waiting.WaitAsync(Deadline);

        Assert.Equal(1, Checkpointer.Completed);
    }

    [Fact]
    public async Task Every_caller_waiting_for_a_running_checkpoint_is_counted_until_it_ends()
    {
        await RunningAsync();

        var waiting = new[] { Task.Run(Checkpointer.WaitIdle), Task.Run(Checkpointer.WaitIdle) };
        await Eventually.Until(() => Checkpointer.IdleWaiters, n => n == 2, "both callers to wait for the running checkpoint");
        _gate.Release();
        await Task.WhenAll(waiting).WaitAsync(Deadline);

        Assert.Equal(0, Checkpointer.IdleWaiters);
    }

    /// <summary>Starts a checkpoint and waits until it is held at the gate.</summary>
    private async Task RunningAsync()
    {
        Checkpointer.Request();
        await Eventually.Until(() => _gate.BatchesHeld, n => n == 1, "the checkpoint to wait at its gate");
    }
}
