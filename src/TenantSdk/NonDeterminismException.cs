namespace Skein.TenantSdk;

/// <summary>
/// The instance's failure when a replay asks for a different step than its execution log holds: the workflow's
/// code changed under a running instance, or it branches on something other than its payload and step results.
/// </summary>
public sealed class NonDeterminismException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterminismException()
    {
        Logged = string.Empty;
        Requested = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonDeterminismException(string message) : base(message)
    {
        Logged = string.Empty;
        Requested = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NonDeterminismException(string message, Exception innerException) : base(message, innerException)
    {
        Logged = string.Empty;
        Requested = string.Empty;
    }

    /// <summary>Creates the exception for a mismatch at a log position.</summary>
    /// <param name="position">The 0-based position in the instance's log.</param>
    /// <param name="logged">What the log holds there, e.g. <c>step "charge" #1</c>.</param>
    /// <param name="requested">What the code asked for instead.</param>
    public NonDeterminismException(int position, string logged, string requested)
        : base($"Non-determinism at log position {position}: the log holds {logged}, but the workflow asked for {requested}. " +
               "Code outside steps must be deterministic, and running instances must keep the code they started on.")
    {
        Position = position;
        Logged = logged;
        Requested = requested;
    }

    /// <summary>The 0-based position in the instance's log.</summary>
    public int Position { get; }

    /// <summary>What the log holds at <see cref="Position"/>.</summary>
    public string Logged { get; }

    /// <summary>What the workflow asked for instead.</summary>
    public string Requested { get; }
}
