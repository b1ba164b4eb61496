using Microsoft.Data.Sqlite;
using Skein.Host.Backup;

namespace Skein.Host.Tests.Backup;

/// <summary>A restore blames the archive for a SQLite failure only when the archive's file caused it.</summary>
public sealed class SqliteFailureCauseTests
{
    [Theory]
    [InlineData(11, false)] // SQLITE_CORRUPT: the archive's log is damaged
    [InlineData(26, false)] // SQLITE_NOTADB: not a database at all
    [InlineData(1, false)]  // SQLITE_ERROR: a schema this build cannot use
    [InlineData(13, true)]  // SQLITE_FULL: the node's disk is full
    [InlineData(10, true)]  // SQLITE_IOERR: the node's disk failed
    [InlineData(14, true)]  // SQLITE_CANTOPEN: the staging folder cannot be opened
    [InlineData(8, true)]   // SQLITE_READONLY: the data folder is read-only
    public void Only_the_hosts_own_failures_are_the_hosts(int code, bool hosts) =>
        Assert.Equal(hosts, SqliteFailureCause.IsTheHosts(new SqliteException("failed", code)));
}
