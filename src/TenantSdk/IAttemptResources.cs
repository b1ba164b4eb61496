using System.Net.Http;

namespace Skein.TenantSdk;

/// <summary>What the host hands an attempt on demand: created on first use, bound to the attempt, ended with it.</summary>
internal interface IAttemptResources
{
    /// <summary>The attempt's HTTP client (the same one on every call).</summary>
    HttpClient Http { get; }

    /// <summary>Cancelled when the attempt times out or the instance is terminated.</summary>
    CancellationToken CancellationToken { get; }
}
