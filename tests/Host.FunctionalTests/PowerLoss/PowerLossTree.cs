namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// The recorded folder as a tree of <see cref="PowerLossNode"/>s, changed one record at a time. Nodes, not paths, carry
/// content and entries, so a folder renamed into place takes its files with it, and a name replaced by a rename keeps
/// its old file until the folder's next fsync.
/// </summary>
internal sealed class PowerLossTree(string root)
{
    private readonly PowerLossNode _root = new(isFolder: true);

    public void Apply(PowerLossRecord record, string? newPath)
    {
        switch (record.Op)
        {
            case PowerLossOp.Create:
                Add(record.Path, new PowerLossNode(isFolder: false));
                break;
            case PowerLossOp.Mkdir:
                Add(record.Path, new PowerLossNode(isFolder: true));
                break;
            case PowerLossOp.Write or PowerLossOp.Truncate:
                var file = Find(record.Path);
                if (file.IsFolder)
                {
                    throw new InvalidDataException($"{record.Op} of folder {record.Path}.");
                }

                file.Changes.Add(record);
                break;
            case PowerLossOp.Sync:
                Find(record.Path).Sync();
                break;
            case PowerLossOp.Unlink or PowerLossOp.Rmdir:
                Remove(record.Path);
                break;
            case PowerLossOp.Rename:
                var moved = Remove(record.Path);
                if (IsInside(newPath!))
                {
                    Add(newPath!, moved);
                }

                break;
            case PowerLossOp.Link:
                Add(newPath!, Find(record.Path));
                break;
            default:
                throw new InvalidDataException($"Unknown record kind {record.Op} for {record.Path}.");
        }
    }

    /// <summary>Every file and folder under the root: as a power cut now leaves them (<paramref name="synced"/>), or as they are.</summary>
    public IEnumerable<(string Path, PowerLossNode Node)> Walk(bool synced) => Walk(root, _root, synced);

    private static IEnumerable<(string Path, PowerLossNode Node)> Walk(string path, PowerLossNode folder, bool synced)
    {
        foreach (var (name, node) in synced ? folder.SyncedEntries : folder.Entries)
        {
            var child = path + "/" + name;
            yield return (child, node);
            if (node.IsFolder)
            {
                foreach (var below in Walk(child, node, synced))
                {
                    yield return below;
                }
            }
        }
    }

    private bool IsInside(string path) => path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    private void Add(string path, PowerLossNode node)
    {
        var (folder, name) = Parent(path);
        folder.Entries[name] = node;
    }

    private PowerLossNode Remove(string path)
    {
        var (folder, name) = Parent(path);
        return folder.Remove(name) ?? throw new InvalidDataException($"{path} is removed or moved, but the record never made it.");
    }

    private PowerLossNode Find(string path)
    {
        if (path == root)
        {
            return _root;
        }

        var (folder, name) = Parent(path);
        return folder.Entries.TryGetValue(name, out var node) ? node
            : throw new InvalidDataException($"{path} is changed, but the record never made it: the shim missed its creation.");
    }

    private (PowerLossNode Folder, string Name) Parent(string path)
    {
        if (!path.StartsWith(root + "/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is outside the recorded folder {root}.");
        }

        var names = path[(root.Length + 1)..].Split('/');
        var folder = _root;
        foreach (var name in names[..^1])
        {
            folder = folder.Entries.TryGetValue(name, out var next) && next.IsFolder ? next
                : throw new InvalidDataException($"The folder of {path} is not in the record: the shim missed its creation.");
        }

        return (folder, names[^1]);
    }
}
