using Microsoft.Extensions.Options;

namespace Skein.Router.Moves;

/// <summary>
/// Prunes finished moves from the journal in the background (<see cref="MoveOptions"/>): at start, then every
/// <see cref="Interval"/>, so a finished move outlives its retention by at most that long.
/// </summary>
internal sealed class MovePruner(MoveJournal journal, IOptions<MoveOptions> options, TimeProvider time, ILogger<MovePruner> logger)
    : BackgroundService
{
    private readonly MoveOptions _options = options.Value;

    /// <summary>A tenth of the retention, between 1 second and 1 hour.</summary>
    public TimeSpan Interval => TimeSpan.FromTicks(Math.Clamp(_options.Retention.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour));

    /// <summary>Prunes once; the number of moves removed.</summary>
    public int PruneNow()
    {
        var pruned = journal.Prune(time.GetUtcNow() - _options.Retention, _options.RetentionCount);
        if (pruned > 0)
        {
            MoveLog.Pruned(logger, pruned, _options.Retention, _options.RetentionCount);
        }

        return pruned;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    PruneNow();
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    // The journal stays as it is until the next round; a busy or failing disk must not stop the router.
                    MoveLog.PruneFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The router is stopping.
        }
    }
}
