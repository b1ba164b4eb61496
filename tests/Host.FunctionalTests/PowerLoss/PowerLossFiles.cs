namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// The files and folders the recorded run left in its data folder (SQLite's <c>-shm</c> files aside), and the checks
/// of a power-cut image against them for the files the host writes itself, outside SQLite.
/// </summary>
internal sealed class PowerLossFiles
{
    private PowerLossFiles(Dictionary<string, byte[]> files, SortedSet<string> folders)
    {
        Files = files;
        Folders = folders;
    }

    public Dictionary<string, byte[]> Files { get; }

    public SortedSet<string> Folders { get; }

    public static PowerLossFiles Read(string dataDir) => new(
        Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllBytes, StringComparer.Ordinal),
        new SortedSet<string>(Directory.EnumerateDirectories(dataDir, "*", SearchOption.AllDirectories), StringComparer.Ordinal));

    /// <summary>Writes <paramref name="image"/> (full paths under <paramref name="dataDir"/>) into <paramref name="target"/>.</summary>
    public static void Write(PowerLossImage image, string dataDir, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var folder in image.Folders)
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(dataDir, folder)));
        }

        foreach (var (path, bytes) in image.Files)
        {
            File.WriteAllBytes(Path.Combine(target, Path.GetRelativePath(dataDir, path)), bytes);
        }
    }

    /// <summary>
    /// What is wrong in <paramref name="image"/> with the files the host writes itself (deployments, a restored tenant,
    /// the lock owner): each is whole or absent, never cut short, and every file the run left under each of
    /// <paramref name="complete"/> (an acknowledged deployment's folder) is there. SQLite's files are checked by SQLite
    /// and by the host that starts on the image; the attempt journal is never fsync'd, by design (AttemptJournal says
    /// why), so a cut may leave any prefix of it; a file the run did not leave (a restore's staging copy) is the next
    /// host's to clean up.
    /// </summary>
    public IEnumerable<string> ProblemsIn(PowerLossImage image, IEnumerable<string> complete)
    {
        foreach (var (path, bytes) in image.Files.Where(f => !IsDatabaseFile(f.Key) && !IsAttemptJournal(f.Key)))
        {
            if (Files.TryGetValue(path, out var whole) && !bytes.AsSpan().SequenceEqual(whole))
            {
                yield return $"{path} holds {bytes.Length} bytes that are not the {whole.Length} the host wrote";
            }
        }

        foreach (var folder in complete)
        {
            foreach (var path in Files.Keys.Where(f => f.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                if (!image.Files.ContainsKey(path))
                {
                    yield return $"{path} was acknowledged, but it is gone";
                }
            }
        }
    }

    private static bool IsAttemptJournal(string path) => Path.GetFileName(path).StartsWith("attempts.journal", StringComparison.Ordinal);

    private static bool IsDatabaseFile(string path) =>
        path.EndsWith(".db", StringComparison.Ordinal) || path.EndsWith(".db-wal", StringComparison.Ordinal) || path.EndsWith(".db-journal", StringComparison.Ordinal);
}
