using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Skein.TenantSdk;

/// <summary>What a step's body knows about the attempt it is running.</summary>
public sealed class StepContext
{
    private readonly HttpClient? _http;
    private readonly IAttemptResources? _resources;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Creates a context without an HTTP client (<see cref="Http"/> throws); kept for code written before it.</summary>
    public StepContext(string name, int count, int attempt, string idempotencyKey, CancellationToken cancellationToken)
    {
        Name = name;
        Count = count;
        Attempt = attempt;
        IdempotencyKey = idempotencyKey;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The engine's context for an attempt: its client and its token come from <paramref name="resources"/> when the
    /// body first asks for them, so an attempt that makes no call and watches no token pays for neither.
    /// </summary>
    internal StepContext(string name, int count, int attempt, string idempotencyKey, IAttemptResources resources, ILogger logger)
        : this(name, count, attempt, idempotencyKey, CancellationToken.None)
    {
        _resources = resources;
        Logger = logger;
    }

    /// <summary>Creates a context; the engine does this for every attempt, with the host's client for the tenant.</summary>
    public StepContext(string name, int count, int attempt, string idempotencyKey, HttpClient http, CancellationToken cancellationToken)
        : this(name, count, attempt, idempotencyKey, cancellationToken) => _http = http;

    /// <summary>
    /// Creates a context with a logger; the engine does this for every attempt. A unit test of a step body may pass
    /// its own logger (or <see cref="NullLogger.Instance"/>).
    /// </summary>
    public StepContext(string name, int count, int attempt, string idempotencyKey, HttpClient http, ILogger logger,
        CancellationToken cancellationToken)
        : this(name, count, attempt, idempotencyKey, http, cancellationToken) =>
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));

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
    public CancellationToken CancellationToken => _resources?.CancellationToken ?? _cancellationToken;

    /// <summary>
    /// The HTTP client for this attempt's outbound calls, owned by the host: the only way a step reaches the network.
    /// The host's egress policy refuses calls to the node itself and to private, link-local and cloud-metadata
    /// addresses (checked on the address actually connected to, redirects included) unless the operator allowed them
    /// for the tenant; a refused call throws an <see cref="HttpRequestException"/> that says why. Each request has a
    /// timeout and a response-size cap, and ends when the attempt does. Do not dispose it or keep it past the attempt.
    /// </summary>
    /// <example>
    /// <code>
    /// var quote = await step.Do("quote", async ctx =>
    ///     await ctx.Http.GetFromJsonAsync&lt;Quote&gt;("https://api.example.com/quote", ctx.CancellationToken));
    /// </code>
    /// </example>
    /// <exception cref="InvalidOperationException">The context was created without a client.</exception>
    public HttpClient Http => _http ?? _resources?.Http ?? throw new InvalidOperationException(
        "This StepContext was created without an HttpClient; the host passes one to every attempt.");

    /// <summary>
    /// Where this attempt's log lines go. The host keeps them with the attempt (committed with its result, shown by
    /// <c>GET …/instances/{id}/logs</c> and the instance's stream) and writes them to its own log with the tenant,
    /// instance, step and attempt. An attempt keeps at most 100 lines and 64 KiB, a line at most 4,096 characters,
    /// an instance at most 10,000 lines; past a bound a "truncated" line says what was dropped. Lines of an attempt
    /// that is cut off (terminated, or the host stops under it) are not kept. A context created without a logger
    /// discards them.
    /// </summary>
    /// <example>
    /// <code>
    /// await step.Do("charge", async ctx =>
    /// {
    ///     ctx.Logger.LogInformation("Charging {Amount} for order {Order}", order.Total, order.Id);
    ///     return await payments.ChargeAsync(order, ctx.IdempotencyKey, ctx.CancellationToken);
    /// });
    /// </code>
    /// </example>
    public ILogger Logger { get; } = NullLogger.Instance;
}
