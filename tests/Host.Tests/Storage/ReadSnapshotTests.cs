using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A read that needs one consistent view (an instance with its steps) holds a snapshot of the log for its length; the
/// log's writer must keep committing meanwhile, and the snapshot keeps seeing the log as it was when it began.
/// </summary>
public sealed class ReadSnapshotTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public ReadSnapshotTests() => _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_write_commits_while_a_read_snapshot_is_open_which_still_sees_the_log_as_it_was()
    {
        Assert.True((await _log.CreateInstanceAsync(new NewInstance("i1", "w", 1, "null", 1))).Created);
        var read = _log.Reads.Rent();
        try
        {
            using (read.BeginSnapshot())
            {
                Assert.Equal(1, Instances(read));

                var write = _log.CreateInstanceAsync(new NewInstance("i2", "w", 1, "null", 1));
                Assert.True((await write.WaitAsync(TimeSpan.FromMinutes(1))).Created);

                Assert.Equal(1, Instances(read));
            }

            Assert.Equal(2, Instances(read));
        }
        finally
        {
            _log.Reads.Return(read);
        }
    }

    private static long Instances(ReadConnection read) => read.Query("SELECT COUNT(*) FROM instances", r => r.GetInt64(0), [])[0];
}
