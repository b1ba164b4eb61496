namespace Skein.Host.Storage;

/// <summary>
/// A test seam that holds a log writer's batches between their last statement and COMMIT, so tests can prove the
/// engine does not move on before its write is durable. Production code never installs one.
/// </summary>
/// <remarks>
/// Batches pass in the order they reach the gate, each on a ticket. The counts change when the gate is told, not when
/// the writer's thread wakes: right after <see cref="ReleaseOne"/> returns, the batch it let through is no longer
/// counted as held, so a test that then sees a batch held knows it is the next one, however late that thread runs.
/// </remarks>
internal sealed class CommitGate : IDisposable
{
    private readonly object _lock = new();
    // The writes of each batch waiting at the gate, oldest first; the oldest holds ticket _letThrough.
    private readonly Queue<int> _held = new();
    private bool _open;
    private long _arrived;
    private long _letThrough;

    /// <summary>How many batches are written but waiting at the gate for their COMMIT.</summary>
    public int BatchesHeld
    {
        get
        {
            lock (_lock)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>How many writes the batches waiting at the gate hold between them.</summary>
    public int WritesHeld
    {
        get
        {
            lock (_lock)
            {
                return _held.Sum();
            }
        }
    }

    /// <summary>Lets the oldest held batch (or, if none is held, the next to arrive) commit; the gate stays installed for the ones after.</summary>
    public void ReleaseOne()
    {
        lock (_lock)
        {
            _held.TryDequeue(out _);
            _letThrough++;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Lets every held batch, and every later one, commit.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _open = true;
            _held.Clear();
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Releases the gate, so a test that fails while holding commits does not hang the engine's disposal.</summary>
    public void Dispose() => Release();

    /// <summary>Called on the writer thread before COMMIT with the batch's <paramref name="writes"/>; blocks until the batch is let through.</summary>
    internal void Pass(int writes = 1)
    {
        lock (_lock)
        {
            var ticket = _arrived++;
            if (_open || ticket < _letThrough)
            {
                return;
            }

            _held.Enqueue(writes);
            // The writer runs on its own thread (not the pool): blocking it is what a slow fsync would do.
            while (!_open && ticket >= _letThrough)
            {
                Monitor.Wait(_lock);
            }
        }
    }
}
