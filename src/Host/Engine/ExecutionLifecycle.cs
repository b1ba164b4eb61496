namespace Skein.Host.Engine;

/// <summary>
/// Holds an execution's <see cref="ExecutionState"/> and refuses a move the engine never makes: an illegal move is a
/// bug of the engine, so it throws (the execution's owner logs it and the instance is retried from its log).
/// </summary>
internal sealed class ExecutionLifecycle(ExecutionState initial)
{
    public ExecutionState State { get; private set; } = initial;

    /// <summary>True while replaying or running: step attempts run (logged retries during replay included) and waits block.</summary>
    public bool IsRunning => State is ExecutionState.Replaying or ExecutionState.Running;

    /// <summary>True while a pause can be asked for: the execution runs and has not begun to end.</summary>
    public bool CanPause => State is ExecutionState.Replaying or ExecutionState.Running;

    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/> (staying put is always allowed).</summary>
    public static bool IsAllowed(ExecutionState from, ExecutionState to) => from == to || (from, to) switch
    {
        (ExecutionState.Ended, _) => false,
        (_, ExecutionState.Ended) => true,
        (ExecutionState.Replaying, _) => to is not ExecutionState.Replaying,
        (ExecutionState.Running, _) => to is not ExecutionState.Replaying,
        (ExecutionState.Pausing, _) => to is not ExecutionState.Parked,
        (ExecutionState.Terminating, ExecutionState.Finishing) => true,
        (ExecutionState.Parked, ExecutionState.Replaying or ExecutionState.Running) => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="next"/>; throws on a move that <see cref="IsAllowed"/> refuses.</summary>
    public void MoveTo(ExecutionState next)
    {
        if (!IsAllowed(State, next))
        {
            throw new InvalidOperationException($"An execution cannot move from {State} to {next}.");
        }

        State = next;
    }
}
