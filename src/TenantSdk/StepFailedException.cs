namespace Skein.TenantSdk;

/// <summary>
/// Thrown into the workflow when a step ran out of retries or its body threw <see cref="NonRetryableException"/>.
/// The workflow may catch it and go on; uncaught, the instance ends <c>errored</c> with the step's error.
/// </summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepFailedException()
    {
        StepName = string.Empty;
        ErrorName = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StepFailedException(string message) : base(message)
    {
        StepName = string.Empty;
        ErrorName = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StepFailedException(string message, Exception innerException) : base(message, innerException)
    {
        StepName = string.Empty;
        ErrorName = string.Empty;
    }

    /// <summary>Creates the exception for a failed step.</summary>
    /// <param name="stepName">The step's name.</param>
    /// <param name="stepCount">Which use of the name it was.</param>
    /// <param name="attempts">How many attempts ran.</param>
    /// <param name="errorName">The type name of the last attempt's error.</param>
    /// <param name="errorMessage">The last attempt's error message.</param>
    public StepFailedException(string stepName, int stepCount, int attempts, string errorName, string errorMessage)
        : base(errorMessage)
    {
        StepName = stepName;
        StepCount = stepCount;
        Attempts = attempts;
        ErrorName = errorName;
    }

    /// <summary>The failed step's name.</summary>
    public string StepName { get; }

    /// <summary>Which use of <see cref="StepName"/> failed, from 1.</summary>
    public int StepCount { get; }

    /// <summary>How many attempts ran.</summary>
    public int Attempts { get; }

    /// <summary>The type name of the last attempt's error, e.g. <c>HttpRequestException</c>.</summary>
    public string ErrorName { get; }
}
