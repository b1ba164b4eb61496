using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>POST /v1/tenants.</summary>
internal sealed class CreateTenantRequest
{
    public string? Id { get; set; }

    public TenantLimits? Limits { get; set; }
}

/// <summary>A tenant as listed; <paramref name="Frozen"/> while it is frozen (a move): its requests answer 503.</summary>
internal sealed record TenantResponse(string Id, DateTimeOffset CreatedAt, int? ActiveVersion, TenantLimits Limits, bool Frozen);

/// <summary>A created tenant with its first key (shown once).</summary>
internal sealed record CreatedTenantResponse(string Id, string ApiKey, string KeyId);

/// <summary>A newly issued key (shown once).</summary>
internal sealed record IssuedKeyResponse(string KeyId, string ApiKey);

/// <summary>A key as listed: never the key itself.</summary>
internal sealed record KeyResponse(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
