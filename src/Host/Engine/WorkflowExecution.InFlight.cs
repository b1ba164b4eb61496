namespace Skein.Host.Engine;

/// <summary>Counting the engine's own work in flight, which the idle check waits for.</summary>
internal sealed partial class WorkflowExecution
{
    /// <summary>
    /// Counts engine work (an attempt, a commit, a background write) for the scope it is disposed at: while any is in
    /// flight the workflow's blocking means nothing yet, so <see cref="OnIdle"/> decides nothing.
    /// </summary>
    private InFlightWork InFlight()
    {
        _busy++;
        return new InFlightWork(this);
    }

    /// <summary>One piece of counted work; the default value counts nothing.</summary>
    private readonly struct InFlightWork(WorkflowExecution? owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner is not null)
            {
                owner._busy--;
            }
        }
    }
}
