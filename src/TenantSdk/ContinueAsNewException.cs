namespace Skein.TenantSdk;

/// <summary>
/// Thrown by a workflow to end its current run and start the next run of the same instance afresh: same instance
/// id, new parameters, an empty history. Get one from <see cref="WorkflowStep.ContinueAsNew{TParams}"/> and throw it
/// from <c>RunAsync</c>; since it is thrown rather than returned, it fits a workflow of any result type.
/// </summary>
/// <remarks>
/// The engine ends the run and starts the next one in one transaction: the run's steps and attempts are forgotten,
/// the events it consumed are dropped and the events sent but not yet consumed are kept for the next run. Only
/// <c>RunAsync</c> may continue an instance: thrown from inside a step's body it is a failure of that step (not
/// retried), and caught by the workflow's own code it does nothing.
/// </remarks>
/// <example><code>
/// if (state.Iteration % 50 == 0)
/// {
///     throw step.ContinueAsNew(state with { Iteration = 0 });
/// }
/// </code></example>
public sealed class ContinueAsNewException : Exception
{
    /// <summary>Creates the exception; the next run gets <c>null</c> parameters.</summary>
    public ContinueAsNewException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a message; the next run gets <c>null</c> parameters.</summary>
    public ContinueAsNewException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause; the next run gets <c>null</c> parameters.</summary>
    public ContinueAsNewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the next run's parameters (see <see cref="WorkflowStep.ContinueAsNew{TParams}"/>).</summary>
    internal ContinueAsNewException(object? @params)
        : base(DefaultMessage)
    {
        Params = @params;
    }

    /// <summary>The next run's parameters; serialized to JSON as the workflow's parameter type.</summary>
    public object? Params { get; }

    private const string DefaultMessage = "The workflow continues as new: this run ends and the next run starts with new parameters.";
}
