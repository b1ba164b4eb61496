namespace Skein.TenantSdk;

/// <summary>What a step's body knows about the attempt it is running.</summary>
public sealed class StepContext
{
    /// <summary>Creates a context; the engine does this for every attempt.</summary>
    public StepContext(string name, int count, int attempt, string idempotencyKey, CancellationToken cancellationToken)
    {
        Name = name;
        Count = count;
        Attempt = attempt;
        IdempotencyKey = idempotencyKey;
        CancellationToken = cancellationToken;
    }

    /// <summary>The step's name.</summary>
    public string Name { get; }

    /// <summary>Which use of <see cref="Name"/> this is within the instance, from 1.</summary>
    public int Count { get; }

    /// <summary>The attempt number, from 1.</summary>
    public int Attempt { get; }

    /// <summary>
    /// Instance id plus step name and count: the same for every attempt and every replay of this step, so an
    /// external service can deduplicate the step's side effect with it.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>Cancelled when the attempt times out or the instance is terminated.</summary>
    public CancellationToken CancellationToken { get; }
}
