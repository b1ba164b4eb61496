using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A log <see cref="OpenTenantLogs"/> closes to make room for another: its files are released, and a read or a
/// disposal of it that comes while it is being closed waits for the close to finish instead of running on files
/// being closed under it. The close is held open by a checkpoint of the log held at its gate (closing the files waits
/// for a running checkpoint).
/// </summary>
public sealed class OpenTenantLogsClosingTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private readonly CappedTenantLogs _logs = new(1);

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task A_log_closed_to_make_room_for_another_releases_its_file_descriptors()
    {
        var a = await _logs.OpenWithInstance("a");
        Assert.True(LogDescriptors.Count(a.Path) > 0, "a is open and holds its files");

        await _logs.OpenWithInstance("b");

        Assert.Equal(0, LogDescriptors.Count(a.Path));
        Assert.False(CappedTenantLogs.IsOpen(a));
    }

    [Fact]
    public async Task A_read_of_a_log_being_closed_waits_for_the_close_then_finds_the_log_open_again()
    {
        using var close = await HoldCloseAsync();
        var a = close.Log;

        var read = new BlockingCall<InstanceRow?>(() => a.FindInstance("i-a"));
        await read.BlockedOrDoneAsync("the read of a to wait or end");
        Assert.False(read.Result.IsCompleted, "a read ran on a log whose files were being closed");

        close.Gate.Release();
        Assert.NotNull(await read.Result.WaitAsync(Deadline));
        await close.Opening.WaitAsync(Deadline);
        Assert.True(CappedTenantLogs.IsOpen(a), "the read reopened a and its files stay open for the next one");
    }

    [Fact]
    public async Task A_log_disposed_while_being_closed_is_disposed_once_the_close_has_finished()
    {
        using var close = await HoldCloseAsync();
        var a = close.Log;

        var disposing = new BlockingCall<bool>(() =>
        {
            _logs.DisposeLog(a);
            return true;
        });
        await disposing.BlockedOrDoneAsync("the disposal of a to wait or end");
        Assert.False(disposing.Result.IsCompleted, "a was disposed while its files were being closed");
        // Only the close waits for the checkpoint: the disposal has not begun stopping a's writer beside it.
        Assert.Equal(1, a.Checkpointer.IdleWaiters);

        close.Gate.Release();
        await disposing.Result.WaitAsync(Deadline);
        await close.Opening.WaitAsync(Deadline);
        Assert.Equal(1, _logs.Open.Count);
        Assert.Null(a.Slot.Node);
        Assert.Equal(0, LogDescriptors.Count(a.Path));
    }

    /// <summary>
    /// Opens the log of a, then the log of b, which closes a (capacity 1); returns once a's close is under way and held
    /// by a checkpoint of a waiting at its gate.
    /// </summary>
    private async Task<HeldClose> HoldCloseAsync()
    {
        var a = await _logs.OpenWithInstance("a");
        var gate = new CommitGate();
        a.Checkpointer.Gate = gate;
        a.Checkpointer.Request();
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "a checkpoint of a to wait at its gate");

        var opening = Task.Run(() => _logs.OpenLog("b"));
        await Eventually.Until(() => a.Checkpointer.IdleWaiters, n => n == 1, "the close of a to wait for its checkpoint");
        return new HeldClose(a, gate, opening);
    }

    /// <summary>A close of <paramref name="Log"/> held until <paramref name="Gate"/> is released; <paramref name="Opening"/> caused it.</summary>
    private sealed record HeldClose(TenantLog Log, CommitGate Gate, Task<TenantLog> Opening) : IDisposable
    {
        public void Dispose() => Gate.Release();
    }
}
