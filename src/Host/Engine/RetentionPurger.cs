using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Retention: deletes each tenant's finished instances that ended longer ago than its <c>retention</c>, and gives the
/// space back to the file system. A pass runs when the engine starts and <see cref="Interval"/> after the previous
/// one ended, on the engine's <see cref="TimeProvider"/>; it visits the tenants one after another (one log is
/// purged and vacuumed at a time on the node), skips frozen and stopped ones, and stops a tenant's purge as soon as
/// its runtime stops (a delete, restore, freeze or shutdown).
/// </summary>
/// <remarks>
/// Every purge and vacuum step is one ordinary write through the tenant's group commit, bounded in instances, rows
/// and pages, so the writer is never held for long: the steps of running instances committed while a purge runs
/// share its commits or go between them. The pass is owned: a failure is logged per tenant (event 9594) and the next
/// tenant and the next pass go on; nothing escapes the timer.
/// </remarks>
internal sealed partial class RetentionPurger : IDisposable
{
    /// <summary>Time between the end of a pass and the start of the next.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Instances deleted by one write at most.</summary>
    public const int InstancesPerWrite = 100;

    /// <summary>Rows (of every table) one write stops after: large instances make smaller batches.</summary>
    public const long RowsPerWrite = 20_000;

    /// <summary>Free pages one vacuum write gives back at most (1 MiB of 4 KiB pages).</summary>
    public const int PagesPerVacuum = 256;

    private readonly Func<IEnumerable<TenantRuntime>> _tenants;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _lock = new();
    private Task _pass = Task.CompletedTask;
    private int _passes;

    public RetentionPurger(Func<IEnumerable<TenantRuntime>> tenants, TimeProvider time, ILogger logger)
    {
        _tenants = tenants;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(_ => Kick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A test seam: passes completed so far.</summary>
    public int Passes => Volatile.Read(ref _passes);

    /// <summary>A test seam: called with every purge write's outcome, on the purging thread.</summary>
    internal Action<PurgeOutcome>? OnBatch { get; set; }

    /// <summary>Runs the first pass now; the next ones follow <see cref="Interval"/> after each.</summary>
    public void Start() => _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed.Cancel();
            _timer.Dispose();
        }

        // The pass logs its own failures and stops at its next write once its runtimes are stopped; waiting (bounded)
        // keeps it from reading a tenant's folder after the node let go of it.
        _pass.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Purges one tenant now: its finished instances past its retention, then its free pages; returns the instances
    /// purged. Stops early when the runtime stops or freezes.
    /// </summary>
    public async Task<long> PurgeAsync(TenantRuntime runtime)
    {
        var started = Stopwatch.GetTimestamp();
        var retention = runtime.Limits.Retention;
        var endedBefore = runtime.Now - (long)retention.TotalMilliseconds;
        long purged = 0;
        while (!Halted(runtime))
        {
            var batch = await runtime.Log.PurgeFinishedAsync(endedBefore, InstancesPerWrite, RowsPerWrite);
            OnBatch?.Invoke(batch);
            purged += batch.Instances.Count;
            runtime.CountPurged(batch.Instances.Count);
            if (batch.Instances.Count < InstancesPerWrite && batch.Rows < RowsPerWrite)
            {
                break;
            }
        }

        // Also the pages freed by deletes and restarts since the last pass. A log that could not be put in incremental
        // mode frees nothing (see IncrementalVacuum): stop when a step gave nothing back.
        var pagesLeft = long.MaxValue;
        while (!Halted(runtime))
        {
            var left = await runtime.Log.ReclaimSpaceAsync(PagesPerVacuum);
            var done = left == 0 || left >= pagesLeft;
            pagesLeft = left;
            if (done)
            {
                break;
            }
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        pagesLeft = pagesLeft == long.MaxValue ? 0 : pagesLeft;
        if (purged > 0)
        {
            LogPurged(_logger, runtime.Tenant, purged, retention, pagesLeft, elapsedMs);
        }
        else
        {
            LogNothingToPurge(_logger, runtime.Tenant, retention);
        }

        return purged;
    }

    /// <summary>The timer's callback: nothing may escape it, and it must not block (fake time fires it inline).</summary>
    private void Kick()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested || !_pass.IsCompleted)
            {
                return;
            }

            _pass = Task.Run(RunPassAsync);
        }
    }

    private async Task RunPassAsync()
    {
        foreach (var runtime in _tenants().ToList())
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            if (Halted(runtime))
            {
                continue;
            }

            try
            {
                await PurgeAsync(runtime);
            }
            catch (Exception error) when (runtime.IsStopped)
            {
                // Its log closed under the purge (a delete, restore, freeze or shutdown): what is left is purged by
                // the tenant's next incarnation.
                LogStoppedDuringPurge(_logger, runtime.Tenant, error.GetType().Name);
            }
            catch (Exception error)
            {
                LogPurgeFailed(_logger, error, runtime.Tenant);
            }
        }

        Interlocked.Increment(ref _passes);
        lock (_lock)
        {
            if (!_disposed.IsCancellationRequested)
            {
                _timer.Change(Interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private bool Halted(TenantRuntime runtime) => runtime.IsStopped || runtime.IsFrozen || _disposed.IsCancellationRequested;

    [LoggerMessage(EventId = EventIds.RetentionPurged, Level = LogLevel.Information,
        Message = "Purged {Instances} finished instances of tenant {Tenant} older than its retention of {Retention}; {FreePagesLeft} free pages left, in {ElapsedMs} ms")]
    private static partial void LogPurged(ILogger logger, string tenant, long instances, TimeSpan retention, long freePagesLeft, long elapsedMs);

    [LoggerMessage(EventId = EventIds.RetentionNothingToPurge, Level = LogLevel.Debug,
        Message = "Tenant {Tenant} has no finished instances older than its retention of {Retention}")]
    private static partial void LogNothingToPurge(ILogger logger, string tenant, TimeSpan retention);

    [LoggerMessage(EventId = EventIds.RetentionPurgeFailed, Level = LogLevel.Error,
        Message = "Purging the finished instances of tenant {Tenant} failed; the next pass tries again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception error, string tenant);

    [LoggerMessage(EventId = EventIds.RetentionStoppedDuringPurge, Level = LogLevel.Debug,
        Message = "Tenant {Tenant} stopped while its finished instances were purged: {ErrorType}")]
    private static partial void LogStoppedDuringPurge(ILogger logger, string tenant, string errorType);
}
