namespace Skein.TenantSdk;

/// <summary>
/// Thrown into a parent workflow by <see cref="WorkflowStep.RunWorkflow{TParams, TResult}"/> when the child workflow
/// ended <c>errored</c> or <c>terminated</c> (or was deleted before it ended). The parent may catch it and go on;
/// uncaught, the parent ends <c>errored</c> with it.
/// </summary>
public sealed class ChildWorkflowFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChildWorkflowFailedException()
    {
        InstanceId = string.Empty;
        Status = string.Empty;
        ErrorName = string.Empty;
        ErrorMessage = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChildWorkflowFailedException(string message) : base(message)
    {
        InstanceId = string.Empty;
        Status = string.Empty;
        ErrorName = string.Empty;
        ErrorMessage = message;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ChildWorkflowFailedException(string message, Exception innerException) : base(message, innerException)
    {
        InstanceId = string.Empty;
        Status = string.Empty;
        ErrorName = string.Empty;
        ErrorMessage = message;
    }

    /// <summary>Creates the exception for a child that did not complete.</summary>
    /// <param name="instanceId">The child's instance id.</param>
    /// <param name="status">How the child ended: <c>errored</c> or <c>terminated</c>.</param>
    /// <param name="errorName">The child's error name (for a terminated child, <c>Terminated</c> or <c>InstanceDeleted</c>).</param>
    /// <param name="errorMessage">The child's error message.</param>
    public ChildWorkflowFailedException(string instanceId, string status, string errorName, string errorMessage)
        : base($"Child workflow '{instanceId}' ended {status}: {errorName}: {errorMessage}")
    {
        InstanceId = instanceId;
        Status = status;
        ErrorName = errorName;
        ErrorMessage = errorMessage;
    }

    /// <summary>The child's instance id.</summary>
    public string InstanceId { get; }

    /// <summary>How the child ended: <c>errored</c> or <c>terminated</c>.</summary>
    public string Status { get; }

    /// <summary>The child's error name, e.g. <c>StepFailedException</c>'s step error, <c>Terminated</c> or <c>InstanceDeleted</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The child's error message.</summary>
    public string ErrorMessage { get; }
}
