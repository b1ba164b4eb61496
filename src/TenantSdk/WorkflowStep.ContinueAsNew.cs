namespace Skein.TenantSdk;

/// <summary>Continue-as-new: how a workflow that never ends keeps its history small.</summary>
public abstract partial class WorkflowStep
{
    /// <summary>
    /// Ends the current run and starts the next run of the same instance with <paramref name="params"/> and an empty
    /// history, when the returned exception is thrown from <c>RunAsync</c>. Events sent to the instance and not yet
    /// consumed carry over to the next run; describe shows the run number and the earlier runs.
    /// </summary>
    /// <typeparam name="TParams">The workflow's parameter type (or a type derived from it).</typeparam>
    /// <param name="params">The next run's parameters; they must round-trip through JSON and are held to the same
    /// size limit as a create's.</param>
    /// <returns>The exception to throw; creating it alone changes nothing.</returns>
    /// <remarks>
    /// Throw it from the workflow's own code only: thrown from inside a step's body it fails that step (without
    /// retries). Carry whatever state the next run needs in <paramref name="params"/>: nothing else of the run is kept.
    /// </remarks>
    /// <example><code>throw step.ContinueAsNew(new LoopParams(Cursor: next));</code></example>
    public ContinueAsNewException ContinueAsNew<TParams>(TParams @params) => new(@params);
}
