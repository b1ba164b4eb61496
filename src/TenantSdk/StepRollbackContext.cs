namespace Skein.TenantSdk;

/// <summary>What a rollback handler knows about the step it undoes.</summary>
public class StepRollbackContext
{
    private readonly HttpClient? _http;

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

    /// <summary>Creates a context; the engine does this for every rollback, with the host's client for the tenant.</summary>
    public StepRollbackContext(string name, int count, string idempotencyKey, string? errorName, string? errorMessage,
        HttpClient http, CancellationToken cancellationToken)
        : this(name, count, idempotencyKey, errorName, errorMessage, cancellationToken) => _http = http;

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

    /// <summary>
    /// The HTTP client for the handler's outbound calls (a refund, a cancellation), under the same egress policy, timeout
    /// and response-size cap as <see cref="StepContext.Http"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context was created without a client.</exception>
    public HttpClient Http => _http ?? throw new InvalidOperationException(
        "This StepRollbackContext was created without an HttpClient; the host passes one to every rollback.");
}

/// <summary>A rollback context that also carries the output of the step being undone.</summary>
/// <typeparam name="T">The step's result type.</typeparam>
public sealed class StepRollbackContext<T> : StepRollbackContext
{
    /// <summary>Creates a context; the engine does this for every rollback.</summary>
    public StepRollbackContext(string name, int count, string idempotencyKey, string? errorName, string? errorMessage,
        T output, CancellationToken cancellationToken)
        : base(name, count, idempotencyKey, errorName, errorMessage, cancellationToken) => Output = output;

    /// <summary>Creates a context; the engine does this for every rollback, with the host's client for the tenant.</summary>
    public StepRollbackContext(string name, int count, string idempotencyKey, string? errorName, string? errorMessage,
        T output, HttpClient http, CancellationToken cancellationToken)
        : base(name, count, idempotencyKey, errorName, errorMessage, http, cancellationToken) => Output = output;

    /// <summary>The result the step committed.</summary>
    public T Output { get; }
}
