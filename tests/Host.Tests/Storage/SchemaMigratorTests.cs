using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>Forward-only migrations: each runs once, with its version bump, or not at all.</summary>
public sealed class SchemaMigratorTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => Path.Combine(_dir.Path, "test.db");

    [Fact]
    public void A_new_database_gets_every_migration_and_write_ahead_logging()
    {
        using var connection = SqliteDatabase.Open(DbPath);

        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);", "CREATE TABLE b (x);"], "The test file");

        Assert.Equal(2, SchemaMigrator.ReadVersion(connection));
        Assert.Equal("wal", SqliteDatabase.Scalar<string>(connection, "PRAGMA journal_mode;"));
        Assert.Equal(["a", "b"], Tables(connection));
    }

    [Fact]
    public void An_up_to_date_database_runs_only_the_migrations_added_since()
    {
        using var connection = SqliteDatabase.Open(DbPath);
        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);"], "The test file");

        // Running the first migration again would fail: the table exists.
        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);", "CREATE TABLE b (x);"], "The test file");
        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);", "CREATE TABLE b (x);"], "The test file");

        Assert.Equal(2, SchemaMigrator.ReadVersion(connection));
        Assert.Equal(["a", "b"], Tables(connection));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_with_its_version_and_left_as_it_is()
    {
        using var connection = SqliteDatabase.Open(DbPath);
        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);", "CREATE TABLE b (x);", "CREATE TABLE c (x);"], "The test file");

        var error = Assert.Throws<SchemaVersionException>(() => SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);"], "The test file"));

        Assert.Equal("The test file has schema version 3, but this Skein knows versions up to 1; upgrade Skein to open it.", error.Message);
        Assert.Equal(3, SchemaMigrator.ReadVersion(connection));
    }

    [Fact]
    public void A_database_at_exactly_the_newest_version_is_opened()
    {
        using var connection = SqliteDatabase.Open(DbPath);
        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);"], "The test file");

        SchemaMigrator.Migrate(connection, ["CREATE TABLE a (x);"], "The test file");

        Assert.Equal(1, SchemaMigrator.ReadVersion(connection));
    }

    [Fact]
    public void A_migration_that_fails_leaves_nothing_of_itself_and_the_version_before_it()
    {
        using var connection = SqliteDatabase.Open(DbPath);

        Assert.Throws<SqliteException>(() => SchemaMigrator.Migrate(connection,
            ["CREATE TABLE a (x);", "CREATE TABLE b (x); INSERT INTO missing VALUES (1);"], "The test file"));

        Assert.Equal(1, SchemaMigrator.ReadVersion(connection));
        Assert.Equal(["a"], Tables(connection));
    }

    [Fact]
    public void The_tenant_log_and_catalog_schemas_migrate_to_their_newest_version()
    {
        var log = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        TenantLog.Open("t1", log).Dispose();
        Catalog.Open(_dir.Path);

        using var logConnection = SqliteDatabase.Open(log);
        Assert.Equal(TenantLogSchema.Migrations.Count, SchemaMigrator.ReadVersion(logConnection));
        using var catalogConnection = SqliteDatabase.Open(Path.Combine(_dir.Path, "catalog.db"));
        Assert.Equal(CatalogSchema.Migrations.Count, SchemaMigrator.ReadVersion(catalogConnection));
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
