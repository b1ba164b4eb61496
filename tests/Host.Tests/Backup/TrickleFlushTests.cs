using Skein.Host.Backup;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Backup;

/// <summary>
/// The large files of a backup and a restore are flushed to disk while they are written, not only at the end, so a
/// tenant log's fsync never waits for a gigabyte of someone else's dirty pages.
/// </summary>
public sealed class TrickleFlushTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_file_written_through_a_stream_is_flushed_again_and_again_until_the_writer_is_done()
    {
        var path = Path.Combine(_dir.Path, "archive.zip");
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var flush = TrickleFlush.OfStream(stream);
        var chunk = new byte[64 * 1024];
        await Eventually.Until(() =>
        {
            stream.Write(chunk);
            return flush.Flushes >= 3;
        }, "three flushes while the file grows");

        flush.Dispose();
        var after = flush.Flushes;
        stream.Write(chunk);
        stream.Flush();

        Assert.Equal(after, flush.Flushes);
        Assert.True(stream.Length >= 3 * chunk.Length);
    }

    [Fact]
    public async Task A_file_another_component_writes_is_flushed_through_a_handle_of_its_own()
    {
        var path = Path.Combine(_dir.Path, "snapshot.db");
        File.Create(path).Dispose();
        using (var flush = TrickleFlush.OfPath(path))
        {
            await using var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            await Eventually.Until(() =>
            {
                writer.Write(new byte[4096]);
                writer.Flush();
                return flush.Flushes >= 2;
            }, "two flushes of the file another stream writes");
        }

        // The flushing handle is closed: the file can go at once.
        File.Delete(path);
        Assert.False(File.Exists(path));
    }
}
