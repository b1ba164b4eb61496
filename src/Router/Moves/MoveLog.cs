namespace Skein.Router.Moves;

/// <summary>The move log lines (event ids 9100–9199 of the router's block, 9210–9249, and 9360).</summary>
internal static partial class MoveLog
{
    [LoggerMessage(EventId = EventIds.MoveAccepted, Level = LogLevel.Information, Message = "Move {Move}: tenant {Tenant} from node {From} to node {To} accepted")]
    public static partial void Accepted(ILogger logger, string move, string tenant, string from, string to);

    [LoggerMessage(EventId = EventIds.MoveStateEntered, Level = LogLevel.Information, Message = "Move {Move} of tenant {Tenant}: {State}")]
    public static partial void StateEntered(ILogger logger, string move, string tenant, string state);

    [LoggerMessage(EventId = EventIds.MoveDone, Level = LogLevel.Information,
        Message = "Move {Move} of tenant {Tenant} done: placed on node {To}, unavailable for {UnavailableMs} ms")]
    public static partial void Done(ILogger logger, string move, string tenant, string to, long? unavailableMs);

    [LoggerMessage(EventId = EventIds.MoveFailing, Level = LogLevel.Warning, Message = "Move {Move} of tenant {Tenant} failed in state {State}, undoing it: {Error}")]
    public static partial void Failing(ILogger logger, Exception? exception, string move, string tenant, string state, string error);

    [LoggerMessage(EventId = EventIds.MoveUndone, Level = LogLevel.Warning, Message = "Move {Move} of tenant {Tenant} undone: the tenant stays on node {From}")]
    public static partial void Undone(ILogger logger, string move, string tenant, string from);

    [LoggerMessage(EventId = EventIds.MoveRecovering, Level = LogLevel.Warning,
        Message = "Move {Move} of tenant {Tenant} was in state {State} when the router stopped: {Action} it")]
    public static partial void Recovering(ILogger logger, string move, string tenant, string state, string action);

    [LoggerMessage(EventId = EventIds.MoveStepRetry, Level = LogLevel.Warning, Message = "Move {Move}: {Step} failed, retrying in {Delay}: {Error}")]
    public static partial void StepRetry(ILogger logger, string move, string step, TimeSpan delay, string error);

    [LoggerMessage(EventId = EventIds.MovesPruned, Level = LogLevel.Information,
        Message = "Pruned {Count} finished moves from the journal (kept: the newest {RetentionCount}, none older than {Retention})")]
    public static partial void Pruned(ILogger logger, int count, TimeSpan retention, int retentionCount);

    [LoggerMessage(EventId = EventIds.MovePruneFailed, Level = LogLevel.Warning, Message = "Pruning finished moves failed; retried at the next round")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.MoveCrashed, Level = LogLevel.Error,
        Message = "Move {Move} stopped on an unexpected error; it stays unfinished in the journal and is taken up at the router's next start")]
    public static partial void Crashed(ILogger logger, Exception exception, string move);
}
