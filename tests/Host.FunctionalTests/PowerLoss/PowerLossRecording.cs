using System.Buffers.Binary;
using System.Text;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// The record file of one run under the shim, and the folder it describes rebuilt as of a power cut: each file holds
/// exactly the writes and truncations made before its last completed fsync; a name created, renamed or linked into a
/// folder is there only if the folder was fsynced after; unlinks and the old names of renames count when they returned.
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
            var dataLength = op is PowerLossOp.Write or PowerLossOp.Rename or PowerLossOp.Link ? length : 0;
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
    /// The files and folders under <paramref name="root"/> as a power cut after the first <paramref name="count"/>
    /// records leaves them (see <see cref="PowerLossNode"/>); or, when <paramref name="unsynced"/>, as the page cache
    /// held them, every change in place (to check the record is complete).
    /// </summary>
    public PowerLossImage ImageAfter(string root, int count, bool unsynced = false)
    {
        var tree = new PowerLossTree(root);
        foreach (var record in Records.Take(count))
        {
            tree.Apply(record, record.Op is PowerLossOp.Rename or PowerLossOp.Link ? Encoding.UTF8.GetString(_bytes, record.DataAt, (int)record.Length) : null);
        }

        var image = new PowerLossImage();
        foreach (var (path, node) in tree.Walk(synced: !unsynced))
        {
            if (node.IsFolder)
            {
                image.Folders.Add(path);
            }
            else
            {
                image.Files[path] = Replay(node.Changes.Take(unsynced ? node.Changes.Count : node.SyncedChanges));
            }
        }

        return image;
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
}
