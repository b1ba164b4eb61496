namespace Skein.Host.Storage;

/// <summary>A tenant of this node; <paramref name="Frozen"/> while the operator has it frozen (a move).</summary>
internal sealed record TenantRecord(string Id, long CreatedAt, string? LimitsJson, int? ActiveVersion, bool Frozen = false);

/// <summary>A tenant API key as stored: its id and state, never the key.</summary>
internal sealed record ApiKeyRecord(string Id, string Tenant, long CreatedAt, long? RevokedAt);

/// <summary>A workflow of a deployment: its URL name and the type that implements it.</summary>
internal sealed record DeployedWorkflow(string Name, string Type);

/// <summary>An immutable deployment version of a tenant.</summary>
internal sealed record DeploymentRecord(
    string Tenant,
    int Version,
    string Sha256,
    string Entry,
    IReadOnlyList<DeployedWorkflow> Workflows,
    long UploadedAt);
