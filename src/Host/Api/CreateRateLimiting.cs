using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>
/// Per-tenant rate limiting of instance creation and HTTP triggers: a token bucket per tenant refilled at the
/// tenant's <c>MaxCreatesPerSecond</c>. A flood from one tenant gets 429 with <c>Retry-After</c>; the others are
/// untouched because each tenant has its own bucket. Only a caller allowed to use the tenant takes from its bucket:
/// a request without a valid key, or for a tenant the key cannot see, passes through unlimited to the endpoint,
/// which answers 401 or 404 the same whether or not the tenant exists, and cannot spend the tenant's allowance.
/// </summary>
internal static class CreateRateLimiting
{
    public const string Policy = "tenant-creates";

    public static IServiceCollection AddCreateRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http =>
            {
                var tenant = http.GetRouteValue("tenant") as string ?? "";
                // The runtime as it is open now: a partition is chosen before the endpoint runs and must not wait for a restore.
                var runtime = http.RequestServices.GetRequiredService<TenantRuntimes>().OpenRuntime(tenant);
                if (!http.MayUseTenant(tenant) || runtime is null)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var perSecond = runtime.Limits.MaxCreatesPerSecond;
                // The partition key carries the rate, so a changed limit takes effect with a fresh bucket.
                return RateLimitPartition.GetTokenBucketLimiter($"{tenant}:{perSecond}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429,
                        Type = "urn:skein:problem:rate-limited",
                        Title = "Too many requests",
                        Detail = "This tenant creates instances faster than its limit allows; retry after the time in Retry-After.",
                    },
                });
            };
        });
}
