namespace Skein.TenantSdk.Testing;

/// <summary>The failure <see cref="WorkflowTestHost.FailStep"/> makes a step's attempt throw.</summary>
public sealed class StepMockException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepMockException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StepMockException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StepMockException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
