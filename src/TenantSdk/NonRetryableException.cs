namespace Skein.TenantSdk;

/// <summary>Thrown from a step's body to fail the step at once, without the remaining retries.</summary>
public class NonRetryableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetryableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonRetryableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NonRetryableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
