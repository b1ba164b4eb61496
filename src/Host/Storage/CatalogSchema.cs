namespace Skein.Host.Storage;

/// <summary>The node catalog (<c>{DataDir}/catalog.db</c>): the tenants this node hosts.</summary>
internal static class CatalogSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE tenants (
            id         TEXT    NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
    ];
}
