using Skein.Host.Backup;

namespace Skein.Host.Api;

/// <summary>A deleted tenant whose stored backups were kept, and how to use or remove them.</summary>
internal sealed record DeletedTenantResponse(string Id, bool Deleted, IReadOnlyList<StoredBackup> BackupsKept, string Message)
{
    public static DeletedTenantResponse Keeping(string tenant, IReadOnlyList<StoredBackup> backups) => new(tenant, true, backups,
        $"Tenant '{tenant}' is deleted. Its {backups.Count} stored backup(s) are kept: restore one with "
        + $"POST /v1/tenants/{tenant}/restore?backup={{id}}, or delete them with DELETE /v1/tenants/{tenant}/backups/{{id}}.");
}
