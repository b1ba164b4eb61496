namespace Skein.TenantSdk;

/// <summary>The HTTP request that started an instance through an <see cref="HttpTriggerAttribute"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path after <c>/run/</c>.</param>
/// <param name="RouteValues">Values captured by the trigger's route template.</param>
/// <param name="Query">The query string's values (the first of each name).</param>
/// <param name="Headers">The headers the trigger asked for that the request carried.</param>
public sealed record HttpTriggerRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> RouteValues,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers);
