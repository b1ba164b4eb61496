using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Skein.TenantSdk.Testing;

/// <summary>
/// Moves the fake clock to the next sleep end or retry time whenever the engine is idle, so a test need not advance
/// time past delays it does not care about. Event-wait timeouts are left alone: they are the test's to reach.
/// </summary>
internal sealed class DelaySkipper : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly Func<EngineNode> _node;
    private readonly FakeTimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public DelaySkipper(Func<EngineNode> node, FakeTimeProvider time)
    {
        _node = node;
        _time = time;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // Real time: this polls for the engine being idle; nothing about durations depends on it.
            await Task.Delay(Poll, ct);
            var node = _node();
            if (!node.IsIdle || NextDelayEnd(node.Log.Path) is not { } wakeAt)
            {
                continue;
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(wakeAt);
            // Checked again: work that started since (an event sent) must see the clock it expects.
            if (at > _time.GetUtcNow() && node.IsIdle)
            {
                _time.SetUtcNow(at);
            }
        }
    }

    private static long? NextDelayEnd(string logPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = logPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MIN(s.wake_at) FROM steps s JOIN instances i ON i.id = s.instance_id
            WHERE i.ended_at IS NULL AND i.status IN ('running', 'waiting') AND s.wake_at IS NOT NULL
              AND ((s.kind = 'sleep' AND s.status = 'waiting') OR (s.kind = 'step' AND s.status = 'retrying'))
            """;
        return command.ExecuteScalar() is long value ? value : null;
    }
}
