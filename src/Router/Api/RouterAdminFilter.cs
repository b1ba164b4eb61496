using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Skein.Router.Api;

/// <summary>
/// Guards the router's admin endpoints with <c>Router:AdminKey</c>: 401 without a key or with another key. The router
/// cannot tell a tenant's key from a wrong one (tenant keys live on the nodes), so both are "not the router's key".
/// </summary>
internal sealed class RouterAdminFilter(IOptions<RouterOptions> options) : IEndpointFilter
{
    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey ?? ""));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult<object?>(RouterProblem.Unauthorized(
                "Send the router's admin key as 'Authorization: Bearer <key>' (Router:AdminKey)."));
        }

        // Compared as hashes in fixed time: the comparison reveals nothing about how much of a guess was right.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _keyHash)
            ? next(context)
            : ValueTask.FromResult<object?>(RouterProblem.Unauthorized(
                "This key is not the router's admin key (Router:AdminKey); the router's admin API takes no other key."));
    }
}
