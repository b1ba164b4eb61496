using System.Text.RegularExpressions;

namespace Skein.Host.Storage;

/// <summary>Tenant ids: <c>^[a-z0-9][a-z0-9-]{0,62}$</c>, so no id can name a path outside the data folder.</summary>
internal static partial class TenantIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Folder(string dataDir, string tenant) =>
        IsValid(tenant)
            ? Path.Combine(dataDir, "tenants", tenant)
            : throw new ArgumentException($"'{tenant}' is not a valid tenant id.", nameof(tenant));

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex Pattern();
}
