namespace Skein.TenantSdk;

/// <summary>What a rollback handler knows about the step it undoes.</summary>
public class StepRollbackContext
{
    /// <summary>Creates a context; the engine does this for every rollback.</summary>
    public StepRollbackContext(string name, int count, string idempotencyKey, string? errorName, string? errorMessage,
        CancellationToken cancellationToken)
    {
        Name = name;
        Count = count;
        IdempotencyKey = idempotencyKey;
        ErrorName = errorName;
        ErrorMessage = errorMessage;
        CancellationToken = cancellationToken;
    }

    /// <summary>The name of the step being undone.</summary>
    public string Name { get; }

    /// <summary>Which use of <see cref="Name"/> it was, from 1.</summary>
    public int Count { get; }

    /// <summary>The step's idempotency key (see <see cref="StepContext.IdempotencyKey"/>).</summary>
    public string IdempotencyKey { get; }

    /// <summary>The type name of the error that failed the workflow; null when it was terminated.</summary>
    public string? ErrorName { get; }

    /// <summary>The message of the error that failed the workflow; null when it was terminated.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Cancelled when the host shuts down; the handler then runs again after the restart.</summary>
    public CancellationToken CancellationToken { get; }
}

/// <summary>A rollback context that also carries the output of the step being undone.</summary>
/// <typeparam name="T">The step's result type.</typeparam>
public sealed class StepRollbackContext<T> : StepRollbackContext
{
    /// <summary>Creates a context; the engine does this for every rollback.</summary>
    public StepRollbackContext(string name, int count, string idempotencyKey, string? errorName, string? errorMessage,
        T output, CancellationToken cancellationToken)
        : base(name, count, idempotencyKey, errorName, errorMessage, cancellationToken) => Output = output;

    /// <summary>The result the step committed.</summary>
    public T Output { get; }
}
