using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Callers waiting for an instance to reach a status (the API's <c>?wait=</c>, tests, the stream). A null status
/// says the instance is gone (deleted).
/// </summary>
internal sealed class StatusWatchers
{
    private readonly Dictionary<string, List<Watcher>> _watchers = new(StringComparer.Ordinal);

    public Task<InstanceStatus?> WaitAsync(string id, Func<InstanceStatus?, bool> until, CancellationToken ct)
    {
        var watcher = new Watcher(until);
        lock (_watchers)
        {
            if (!_watchers.TryGetValue(id, out var list))
            {
                _watchers[id] = list = [];
            }

            list.Add(watcher);
        }

        ct.Register(() =>
        {
            Remove(id, watcher);
            watcher.Completion.TrySetCanceled(ct);
        });
        return watcher.Completion.Task;
    }

    public void Notify(string id, InstanceStatus? status)
    {
        List<Watcher> done;
        lock (_watchers)
        {
            if (!_watchers.TryGetValue(id, out var list))
            {
                return;
            }

            done = list.Where(w => w.Until(status)).ToList();
            list.RemoveAll(done.Contains);
            if (list.Count == 0)
            {
                _watchers.Remove(id);
            }
        }

        foreach (var watcher in done)
        {
            watcher.Completion.TrySetResult(status);
        }
    }

    private void Remove(string id, Watcher watcher)
    {
        lock (_watchers)
        {
            if (_watchers.TryGetValue(id, out var list) && list.Remove(watcher) && list.Count == 0)
            {
                _watchers.Remove(id);
            }
        }
    }

    private sealed class Watcher(Func<InstanceStatus?, bool> until)
    {
        public Func<InstanceStatus?, bool> Until { get; } = until;

        public TaskCompletionSource<InstanceStatus?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
