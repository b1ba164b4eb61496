using System.Text.RegularExpressions;

namespace Skein.Host.Storage;

/// <summary>Tenant ids: <c>^[a-z0-9][a-z0-9-]{0,62}$</c>, so no id can name a path outside the data folder.</summary>
internal static partial class TenantIds
{
    /// <summary>The rule, as every refusal of an id states it.</summary>
    public const string Rule = "use 1–63 characters of a-z, 0-9 and '-', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Why <paramref name="id"/> is refused, for the API and the engine alike.</summary>
    public static string Problem(string? id) => $"'{id}' is not a valid tenant id: {Rule}.";

    public static string Folder(string dataDir, string tenant) =>
        IsValid(tenant)
            ? Path.Combine(dataDir, "tenants", tenant)
            : throw new ArgumentException($"'{tenant}' is not a valid tenant id.", nameof(tenant));

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex Pattern();
}
