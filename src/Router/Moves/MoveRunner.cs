using System.Collections.Concurrent;
using System.Threading.Channels;
using Skein.Router.Forwarding;
using Skein.Router.Telemetry;

namespace Skein.Router.Moves;

/// <summary>
/// Runs accepted moves in the background, each on its own (the journal allows one unfinished move per tenant), and
/// at start finishes or undoes every move the journal shows unfinished: a move stopped before its switch is undone
/// (the source still has the tenant), one stopped at or after it is finished (the target has it and the placement
/// names the target).
/// </summary>
internal sealed class MoveRunner(
    MoveJournal journal,
    MoveNodeCalls calls,
    MoveKillSwitch killSwitch,
    InFlightForwards inFlight,
    TimeProvider time,
    ILogger<MoveRunner> logger) : BackgroundService
{
    public const string RestartedError = "the router restarted during the move; undone";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long the source's copy is kept for requests routed to it before the switch (they get 503 there).</summary>
    private static readonly TimeSpan StragglerWait = TimeSpan.FromSeconds(30);

    private readonly Channel<string> _accepted = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private IReadOnlyList<Move> _interrupted = [];

    /// <summary>Hands a move recorded by <see cref="MoveJournal.TryStart"/> to the runner.</summary>
    public void Run(string moveId) => _accepted.Writer.TryWrite(moveId);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Read before the router takes requests: every unfinished move now was left by an earlier process.
        _interrupted = journal.Unfinished();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A move cut off by the stop stays in the journal as it is and is taken up at the next start.
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var move in _interrupted)
        {
            Track(move.Id, () => RecoverAsync(move, stoppingToken));
        }

        await foreach (var id in _accepted.Reader.ReadAllAsync(stoppingToken))
        {
            Track(id, () => MoveAsync(id, stoppingToken));
        }
    }

    /// <summary>Runs a move in the background, owned: <see cref="StopAsync"/> waits for it and its failure is logged.</summary>
    private void Track(string id, Func<Task> work)
    {
        var task = Task.Run(work);
        _running[id] = task;
        _ = ObserveAsync(id, task); // Observes its own failure: the task never faults.
    }

    private async Task ObserveAsync(string id, Task move)
    {
        try
        {
            await move.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (move.IsCanceled)
        {
            // The router is stopping: the move stays in the journal and the next start takes it up.
        }
        catch (Exception e)
        {
            MoveLog.Crashed(logger, e, id);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, Task>(id, move));
        }
    }

    private async Task MoveAsync(string id, CancellationToken stopping)
    {
        var move = journal.Find(id)!;
        Entered(move, MoveStates.Freezing);
        try
        {
            await calls.FreezeAsync(move.From, move.Tenant, stopping);
            move = move with { FrozenAt = journal.Frozen(id), State = MoveStates.Copying };
            Entered(move, MoveStates.Copying);

            await calls.CopyAsync(move.From, move.To, move.Tenant, () =>
            {
                journal.Advance(id, MoveStates.Restoring);
                Entered(move, MoveStates.Restoring);
            }, stopping);

            if (!journal.Switch(move))
            {
                throw new MoveStepException($"Tenant '{move.Tenant}' was deleted while it was being moved.");
            }

            Entered(move, MoveStates.Switching);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return; // the next start undoes it
        }
        catch (Exception e)
        {
            var error = e is MoveStepException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            MoveLog.Failing(logger, e is MoveStepException ? null : e, id, move.Tenant, journal.Find(id)?.State ?? move.State, error);
            journal.SetError(id, error);
            await UndoAsync(move, error, stopping);
            return;
        }

        await FinishAsync(move, stopping);
    }

    private async Task RecoverAsync(Move move, CancellationToken stopping)
    {
        var undo = MoveStates.BeforeSwitch(move.State);
        MoveLog.Recovering(logger, move.Id, move.Tenant, move.State, undo ? "undoing" : "finishing");
        if (undo)
        {
            await UndoAsync(move, move.Error ?? RestartedError, stopping);
        }
        else
        {
            await FinishAsync(move, stopping);
        }
    }

    /// <summary>After the switch: the source's copy goes, then the move is done. Retried until the source answers.</summary>
    private async Task FinishAsync(Move move, CancellationToken stopping)
    {
        var switchedAt = time.GetTimestamp();
        while (inFlight.Count(move.Tenant, move.From) > 0 && time.GetElapsedTime(switchedAt) < StragglerWait)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (!await RetryAsync(move, $"deleting tenant {move.Tenant} on node {move.From}",
                ct => calls.DeleteAsync(move.From, move.Tenant, ct), stopping))
        {
            return;
        }

        journal.Finish(move.Id, MoveStates.Done, null);
        RouterInstruments.MoveEnded(MoveStates.Done);
        var done = journal.Find(move.Id)!;
        MoveLog.Done(logger, move.Id, move.Tenant, move.To, done.UnavailableMs);
        killSwitch.Entered(move.Id, MoveStates.Done);
    }

    /// <summary>
    /// Before the switch: the target loses what the restore may have created (unless it had the tenant before the
    /// move), then the source is unfrozen. Each call is harmless to repeat, so an undo cut off by a crash is simply
    /// done again; each is retried until its node answers, the move staying unfinished (with its error) meanwhile.
    /// </summary>
    private async Task UndoAsync(Move move, string error, CancellationToken stopping)
    {
        if (!move.TargetHadTenant && !await RetryAsync(move, $"deleting tenant {move.Tenant} on node {move.To}",
                ct => calls.DeleteAsync(move.To, move.Tenant, ct), stopping))
        {
            return;
        }

        if (!await RetryAsync(move, $"unfreezing tenant {move.Tenant} on node {move.From}",
                ct => calls.UnfreezeAsync(move.From, move.Tenant, ct), stopping))
        {
            return;
        }

        journal.Finish(move.Id, MoveStates.Failed, error);
        RouterInstruments.MoveEnded(MoveStates.Failed);
        MoveLog.Undone(logger, move.Id, move.Tenant, move.From);
    }

    /// <summary>Runs <paramref name="step"/> until it succeeds; false when the router is stopping first.</summary>
    private async Task<bool> RetryAsync(Move move, string what, Func<CancellationToken, Task> step, CancellationToken stopping)
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await step(stopping);
                return true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                MoveLog.StepRetry(logger, move.Id, what, delay, e.Message);
            }

            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, delay.Ticks * 2));
        }
    }

    private void Entered(Move move, string state)
    {
        MoveLog.StateEntered(logger, move.Id, move.Tenant, state);
        killSwitch.Entered(move.Id, state);
    }
}
