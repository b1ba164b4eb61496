namespace Skein.Host.Storage;

/// <summary>
/// A test seam that holds a log writer's batches between their last statement and COMMIT, so tests can prove the
/// engine does not move on before its write is durable. Production code never installs one.
/// </summary>
internal sealed class CommitGate : IDisposable
{
    // Not disposed: a writer may still be leaving Wait when the test ends, and it holds no kernel handle.
    private readonly SemaphoreSlim _permits = new(0);
    private volatile bool _open;
    private int _held;

    /// <summary>How many batches are written but waiting at the gate for their COMMIT.</summary>
    public int BatchesHeld => Volatile.Read(ref _held);

    /// <summary>Lets one held (or the next) batch commit; the gate stays installed for the ones after.</summary>
    public void ReleaseOne() => _permits.Release();

    /// <summary>Lets every held batch, and every later one, commit.</summary>
    public void Release()
    {
        _open = true;
        _permits.Release(1_000_000);
    }

    /// <summary>Releases the gate, so a test that fails while holding commits does not hang the engine's disposal.</summary>
    public void Dispose() => Release();

    /// <summary>Called on the writer thread before COMMIT; blocks until the batch is let through.</summary>
    internal void Pass()
    {
        if (_open)
        {
            return;
        }

        Interlocked.Increment(ref _held);
        try
        {
            // The writer runs on its own thread (not the pool): blocking it is what a slow fsync would do.
            _permits.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
