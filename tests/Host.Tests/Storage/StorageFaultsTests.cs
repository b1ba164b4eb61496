using Microsoft.Data.Sqlite;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>"The disk is full" is recognised however it surfaces, and only then.</summary>
public sealed class StorageFaultsTests
{
    public static TheoryData<string, Exception> DiskFull => new()
    {
        { "a refusal up front", new InsufficientStorageException("no room") },
        { "SQLITE_FULL", new SqliteException("database or disk is full", 13) },
        { "SQLITE_IOERR_SHMSIZE (no room for the WAL index)", new SqliteException("disk I/O error", 10, 4874) },
        { "ENOSPC", new IOException("No space left on device", 28) },
        { "EDQUOT", new IOException("Disk quota exceeded", 122) },
        { "Windows disk full", new IOException("There is not enough space on the disk.", unchecked((int)0x80070070)) },
        { "Windows handle disk full", new IOException("Reached the end of the file.", unchecked((int)0x80070027)) },
        { "wrapped", new InvalidOperationException("outer", new IOException("inner", 28)) },
        { "in an aggregate", new AggregateException(new InvalidOperationException("other"), new SqliteException("full", 13)) },
    };

    public static TheoryData<string, Exception?> NotDiskFull => new()
    {
        { "nothing", null },
        { "another I/O error", new IOException("Permission denied", 13) },
        { "another SQLite error", new SqliteException("database is locked", 5) },
        { "another SQLite I/O error", new SqliteException("disk I/O error", 10, 778) },
        { "an aggregate of others", new AggregateException(new IOException("other", 5)) },
        { "another exception", new InvalidOperationException("no") },
    };

    [Theory]
    [MemberData(nameof(DiskFull))]
    public void A_full_disk_is_recognised(string what, Exception error) =>
        Assert.True(StorageFaults.IsDiskFull(error), what);

    [Theory]
    [MemberData(nameof(NotDiskFull))]
    public void Other_faults_are_not_taken_for_a_full_disk(string what, Exception? error) =>
        Assert.False(StorageFaults.IsDiskFull(error), what);

    [Fact]
    public void A_refusal_made_up_front_is_described_by_its_own_message_even_when_wrapped()
    {
        var refusal = new InsufficientStorageException("The upload needs 10 MB; 2 MB are free.");

        Assert.Equal("The upload needs 10 MB; 2 MB are free.",
            StorageFaults.Describe("/data", new InvalidOperationException("outer", refusal)));
    }

    [Fact]
    public void Any_other_full_disk_is_described_with_the_data_folder_and_what_to_do()
    {
        Assert.Equal(
            $"The disk holding the data folder '{Path.GetFullPath("/data/node")}' is full, so the request was not carried out. " +
            "Free space on that disk (or grow it) and retry.",
            StorageFaults.Describe("/data/node", new IOException("No space left on device", 28)));
    }
}
