using System.Buffers.Binary;
using System.Text;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// The record file of one run under the shim, and the files it describes rebuilt as of a power cut: each file holds
/// exactly the writes and truncations made before its last completed fsync; a file never synced does not exist;
/// unlinks and renames count from the moment they returned.
/// </summary>
internal sealed class PowerLossRecording
{
    private const int HeaderSize = 24;

    private readonly byte[] _bytes;

    private PowerLossRecording(byte[] bytes, List<PowerLossRecord> records)
    {
        _bytes = bytes;
        Records = records;
    }

    public IReadOnlyList<PowerLossRecord> Records { get; }

    public static PowerLossRecording Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<PowerLossRecord>();
        var at = 0;
        while (at + HeaderSize <= bytes.Length)
        {
            var span = bytes.AsSpan(at);
            var op = (PowerLossOp)BinaryPrimitives.ReadUInt32LittleEndian(span);
            var pathLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
            var offset = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
            var length = BinaryPrimitives.ReadInt64LittleEndian(span[16..]);
            var dataLength = op is PowerLossOp.Write or PowerLossOp.Rename ? length : 0;
            var end = at + HeaderSize + pathLength + dataLength;
            if (end > bytes.Length)
            {
                break; // The process was killed while appending this record; the call it describes never returned.
            }

            var name = Encoding.UTF8.GetString(bytes, at + HeaderSize, pathLength);
            records.Add(new PowerLossRecord(op, name, offset, length, at + HeaderSize + pathLength, end));
            at = (int)end;
        }

        return new PowerLossRecording(bytes, records);
    }

    /// <summary>
    /// Each recorded file as of a power cut after the first <paramref name="count"/> records: its synced content, or
    /// everything written when <paramref name="unsynced"/> (what the page cache held, to check the record is complete).
    /// </summary>
    public Dictionary<string, byte[]> FilesAfter(int count, bool unsynced = false)
    {
        var files = new Dictionary<string, FileOps>(StringComparer.Ordinal);
        foreach (var record in Records.Take(count))
        {
            switch (record.Op)
            {
                case PowerLossOp.Write or PowerLossOp.Truncate:
                    if (!files.TryGetValue(record.Path, out var file))
                    {
                        files[record.Path] = file = new FileOps();
                    }

                    file.Ops.Add(record);
                    break;
                case PowerLossOp.Sync:
                    if (!files.TryGetValue(record.Path, out var synced))
                    {
                        files[record.Path] = synced = new FileOps();
                    }

                    synced.Synced = synced.Ops.Count;
                    break;
                case PowerLossOp.Unlink:
                    files.Remove(record.Path);
                    break;
                case PowerLossOp.Rename:
                    var to = Encoding.UTF8.GetString(_bytes, record.DataAt, (int)record.Length);
                    if (files.Remove(record.Path, out var moved))
                    {
                        files[to] = moved;
                    }

                    break;
                default:
                    throw new InvalidDataException($"Unknown record kind {record.Op} for {record.Path}.");
            }
        }

        return files
            .Where(f => unsynced || f.Value.Synced >= 0)
            .ToDictionary(f => f.Key, f => Replay(f.Value.Ops.Take(unsynced ? f.Value.Ops.Count : f.Value.Synced)), StringComparer.Ordinal);
    }

    private byte[] Replay(IEnumerable<PowerLossRecord> ops)
    {
        using var content = new MemoryStream();
        foreach (var op in ops)
        {
            if (op.Op == PowerLossOp.Truncate)
            {
                content.SetLength(op.Length);
                continue;
            }

            if (op.Offset > content.Length)
            {
                content.SetLength(op.Offset);
            }

            content.Position = op.Offset;
            content.Write(_bytes, op.DataAt, (int)op.Length);
        }

        return content.ToArray();
    }

    /// <summary>The writes of one file since it was created, and how many of them its last sync covered (-1: never synced).</summary>
    private sealed class FileOps
    {
        public List<PowerLossRecord> Ops { get; } = [];

        public int Synced { get; set; } = -1;
    }
}
