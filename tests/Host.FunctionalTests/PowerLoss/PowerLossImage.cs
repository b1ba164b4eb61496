namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>The files (with their bytes) and folders of the recorded folder at one moment, by full path.</summary>
internal sealed class PowerLossImage
{
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);
}
