namespace Skein.TenantSdk;

/// <summary>Thrown into the workflow when <see cref="WorkflowStep.WaitForEvent{T}"/> times out.</summary>
public sealed class WorkflowTimeoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowTimeoutException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
