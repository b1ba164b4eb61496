namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// A file or folder of the recorded run. A file keeps its writes and truncations and how many of them its last fsync
/// covered; a folder keeps its entries and the entries its last fsync made durable. A name a folder gained after its
/// last fsync is lost in a power cut; a name it lost is gone at once (docs/testing.md, "Power loss", says why).
/// </summary>
internal sealed class PowerLossNode(bool isFolder)
{
    public bool IsFolder { get; } = isFolder;

    public List<PowerLossRecord> Changes { get; } = [];

    public int SyncedChanges { get; private set; }

    public Dictionary<string, PowerLossNode> Entries { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PowerLossNode> SyncedEntries { get; private set; } = new(StringComparer.Ordinal);

    public void Sync()
    {
        if (IsFolder)
        {
            SyncedEntries = new Dictionary<string, PowerLossNode>(Entries, StringComparer.Ordinal);
        }
        else
        {
            SyncedChanges = Changes.Count;
        }
    }

    /// <summary>Takes <paramref name="name"/> out of the folder, durably at once; returns what it named.</summary>
    public PowerLossNode? Remove(string name)
    {
        SyncedEntries.Remove(name);
        return Entries.Remove(name, out var node) ? node : null;
    }
}
