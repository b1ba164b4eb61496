namespace Skein.Host.Backup;

/// <summary>
/// The tenants a restore runs for on this node, from the moment its request arrives (before the archive is received)
/// until it has swapped the archive in or given up. A tenant delete meanwhile answers 503: a delete that ran before the
/// restore's swap would be undone by it, leaving a tenant that the caller (a move being undone) believes gone.
/// </summary>
internal sealed class RestoresInProgress
{
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);

    /// <summary>Marks a restore of <paramref name="tenant"/> as running until the result is disposed.</summary>
    public IDisposable Enter(string tenant)
    {
        lock (_running)
        {
            _running[tenant] = _running.GetValueOrDefault(tenant) + 1;
        }

        return new Lease(this, tenant);
    }

    public bool IsRunning(string tenant)
    {
        lock (_running)
        {
            return _running.ContainsKey(tenant);
        }
    }

    private void Leave(string tenant)
    {
        lock (_running)
        {
            // Removed at zero: ids named by refused requests must not grow the table.
            if (--_running[tenant] == 0)
            {
                _running.Remove(tenant);
            }
        }
    }

    private sealed class Lease(RestoresInProgress owner, string tenant) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                owner.Leave(tenant);
            }
        }
    }
}
