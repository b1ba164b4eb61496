using System.Text.RegularExpressions;

namespace Skein.Host.Tests.Durability;

/// <summary>
/// Every SQLite connection of the host is made in Storage/SqliteDatabase.cs, the one place that sets its durability
/// PRAGMAs (read back by <see cref="DurabilitySettingsTests"/>); no other source file makes a connection or changes
/// those settings. A new kind of connection opened elsewhere, or a <c>synchronous</c> planted anywhere, fails here.
/// </summary>
public sealed partial class SqliteOpenSitesTests
{
    private const string OpenSite = "Storage/SqliteDatabase.cs";

    [Fact]
    public void Only_SqliteDatabase_makes_connections_or_sets_durability_pragmas()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src", "Host"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(sources, f => Relative(f) == "src/Host/" + OpenSite);

        var offenders = new List<string>();
        foreach (var file in sources)
        {
            var relative = Relative(file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (relative != "src/Host/" + OpenSite && ConnectionMaking().IsMatch(line))
                {
                    offenders.Add($"{relative}:{i + 1}: makes a SQLite connection outside {OpenSite}: {line.Trim()}");
                }

                if (relative != "src/Host/" + OpenSite && Synchronous().IsMatch(line) && !IsComment(line))
                {
                    offenders.Add($"{relative}:{i + 1}: sets synchronous outside {OpenSite}: {line.Trim()}");
                }

                if (JournalMode().Match(line) is { Success: true } journal && !journal.Groups["mode"].Value.Equals("WAL", StringComparison.OrdinalIgnoreCase))
                {
                    offenders.Add($"{relative}:{i + 1}: sets a journal mode other than WAL: {line.Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    private static bool IsComment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(RepoRoot(), file).Replace('\\', '/');

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Host.sln above {AppContext.BaseDirectory}: the source check needs the repository.");
    }

    [GeneratedRegex(@"new\s+(Microsoft\.Data\.Sqlite\.)?SqliteConnection\s*\(|SqliteConnectionStringBuilder|SqliteFactory|sqlite3_open|\.Clone\(\)\s*as\s+SqliteConnection")]
    private static partial Regex ConnectionMaking();

    [GeneratedRegex(@"synchronous\s*[=(]", RegexOptions.IgnoreCase)]
    private static partial Regex Synchronous();

    [GeneratedRegex(@"journal_mode\s*[=(]\s*(?<mode>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex JournalMode();
}
