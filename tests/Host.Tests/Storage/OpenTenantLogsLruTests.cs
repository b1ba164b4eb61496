using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// Which logs <see cref="OpenTenantLogs"/> closes past its capacity: the least recently used idle ones, never one
/// with a write in flight. A closed log's <c>-wal</c> file is gone (its last connection closed), and it reopens on use.
/// </summary>
public sealed class OpenTenantLogsLruTests : IDisposable
{
    private readonly CappedTenantLogs _logs = new(2);

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Past_the_capacity_the_least_recently_used_log_is_closed()
    {
        var a = await Open("a");
        var b = await Open("b");
        Assert.Equal(2, _logs.Open.Count);

        // a is used again, so b is now the least recently used.
        Assert.Null(a.FindInstance("none"));
        var c = await Open("c");

        Assert.Equal(2, _logs.Open.Count);
        Assert.True(IsOpen(a), "a was used last but one; it must stay open");
        Assert.False(IsOpen(b), "b was the least recently used; it must be closed");
        Assert.True(IsOpen(c));

        // b reopens on its next use, with what it had, and closes the least recent of the others (a).
        Assert.NotNull(b.FindInstance("i-b"));
        Assert.Equal(2, _logs.Open.Count);
        Assert.False(IsOpen(a));
        Assert.True(IsOpen(b));
    }

    [Fact]
    public async Task Using_the_most_recent_log_again_changes_nothing()
    {
        var a = await Open("a");
        var b = await Open("b");
        Assert.Null(b.FindInstance("none"));
        Assert.Null(b.FindInstance("none"));

        await Open("c");

        Assert.False(IsOpen(a));
        Assert.True(IsOpen(b));
    }

    [Fact]
    public async Task A_log_with_a_write_in_flight_is_not_closed_even_when_least_recently_used()
    {
        var a = await Open("a");
        using var gate = a.HoldCommits();
        var held = a.CreateInstanceAsync(new NewInstance("held", "w", 1, "null", 1));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "a's write to wait at the gate");

        var b = await Open("b");
        var c = await Open("c");

        // a is the least recently used, but busy: b, the least recently used idle log, is closed instead.
        Assert.True(IsOpen(a), "a has a write committing; it must stay open");
        Assert.False(IsOpen(b));
        Assert.True(IsOpen(c));
        gate.Release();
        Assert.True((await held).Created);
        await Idle(a);

        // Idle now, and still least recently used: the next log to open closes it.
        Assert.NotNull(b.FindInstance("i-b"));
        Assert.Equal(2, _logs.Open.Count);
        Assert.False(IsOpen(a));
        Assert.True(IsOpen(b));
        Assert.True(IsOpen(c));
    }

    [Fact]
    public async Task A_disposed_log_leaves_the_open_set()
    {
        var a = await Open("a");
        await Open("b");

        _logs.DisposeLog(a);

        Assert.Equal(1, _logs.Open.Count);
    }

    private Task<TenantLog> Open(string tenant) => _logs.OpenWithInstance(tenant);

    private static Task Idle(TenantLog log) => CappedTenantLogs.Idle(log);

    private static bool IsOpen(TenantLog log) => CappedTenantLogs.IsOpen(log);
}
