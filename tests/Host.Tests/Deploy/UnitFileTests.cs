using System.Text.RegularExpressions;

namespace Skein.Host.Tests.Deploy;

/// <summary>
/// The systemd units in deploy/systemd: each passes <c>systemd-analyze verify</c> without a single complaint about it
/// (systemd ignores a misspelled or unparsable directive with a warning and runs the service anyway, so a typo would
/// silently drop a protection), and each carries the hardening docs/operations.md promises.
/// </summary>
public sealed partial class UnitFileTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "skein-tests", "units-" + Guid.NewGuid().ToString("n"));

    public UnitFileTests() => Directory.CreateDirectory(_scratch);

    public static TheoryData<string, string> Units => new()
    {
        { "skein-host.service", "/opt/skein/host/Skein.Host" },
        { "skein-router.service", "/opt/skein/router/Skein.Router" },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public async Task Unit_file_passes_systemd_analyze_verify_without_a_warning(string unit, string program)
    {
        var copy = CopyForVerify(File.ReadAllText(UnitPath(unit)), unit, program);

        var (exitCode, lines) = await SystemdAnalyze.VerifyAsync(copy);

        var aboutUnit = lines.Where(l => l.Contains(unit, StringComparison.Ordinal)).ToList();
        Assert.True(exitCode == 0 && aboutUnit.Count == 0,
            $"systemd-analyze verify {unit} exited {exitCode}:\n{string.Join('\n', lines)}");
    }

    [Fact]
    public async Task A_misspelled_directive_is_reported_by_the_check()
    {
        // The check above reads systemd-analyze's output; were it not reading what the tool says, it would pass anything.
        var text = File.ReadAllText(UnitPath("skein-host.service")).Replace("ProtectHome=yes", "ProtectHom=yes", StringComparison.Ordinal);
        var copy = CopyForVerify(text, "skein-host.service", "/opt/skein/host/Skein.Host");

        var (_, lines) = await SystemdAnalyze.VerifyAsync(copy);

        Assert.Contains(lines, l => l.Contains("skein-host.service", StringComparison.Ordinal)
                                    && l.Contains("ProtectHom", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("skein-host.service", "skein", "--Skein:DataDir=/var/lib/skein", "--urls=${SKEIN_URLS}", "/etc/skein/host.env")]
    [InlineData("skein-router.service", "skein-router", "--Router:DataDir=/var/lib/skein-router", "--urls=${ROUTER_URLS}", "/etc/skein/router.env")]
    public void Unit_file_runs_the_service_hardened(string unit, string stateDirectory, string dataDir, string urls, string environmentFile)
    {
        var service = Directives(File.ReadAllText(UnitPath(unit)));

        Assert.True(service.GetValueOrDefault("DynamicUser") == "yes" || service.ContainsKey("User"), $"{unit}: no dedicated user");
        Assert.Equal(stateDirectory, service["StateDirectory"]);
        Assert.Equal(environmentFile, service["EnvironmentFile"]);
        Assert.Contains(dataDir, service["ExecStart"].Split(' '));
        Assert.Contains(urls, service["ExecStart"].Split(' '));
        Assert.Equal("on-failure", service["Restart"]);
        foreach (var setting in new[]
                 {
                     "NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "ProtectKernelTunables",
                     "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups", "LockPersonality",
                     "RestrictRealtime", "RestrictSUIDSGID", "RestrictNamespaces",
                 })
        {
            Assert.True(service.GetValueOrDefault(setting) == "yes", $"{unit}: {setting}=yes is missing");
        }

        Assert.Equal("strict", service["ProtectSystem"]);
        Assert.Equal("AF_INET AF_INET6 AF_UNIX", service["RestrictAddressFamilies"]);
        Assert.Equal("", service["CapabilityBoundingSet"]);
        // The JIT and the hot-loading of tenant assemblies need memory that becomes executable after it was written.
        Assert.False(service.ContainsKey("MemoryDenyWriteExecute"), $"{unit}: MemoryDenyWriteExecute breaks the .NET JIT");
        // Enough descriptors for the host's largest set of open tenant logs: 1,024 logs at 8 each plus 256 of its own.
        Assert.True(int.Parse(service["LimitNOFILE"], System.Globalization.CultureInfo.InvariantCulture) >= 1024 * 8 + 256,
            $"{unit}: LimitNOFILE={service["LimitNOFILE"]} is too small for 1,024 open tenant logs");
        // Longer than .NET's default 30 s shutdown timeout, so a graceful stop is not cut short by SIGKILL.
        Assert.True(Seconds(service["TimeoutStopSec"]) > 30, $"{unit}: TimeoutStopSec={service["TimeoutStopSec"]} ends a graceful stop early");
    }

    [Theory]
    [InlineData("host.env.example", "Skein__AdminKey", "SKEIN_URLS")]
    [InlineData("router.env.example", "Router__AdminKey", "ROUTER_URLS")]
    public void Example_environment_file_sets_the_admin_key_and_the_address(string file, string key, string urls)
    {
        var settings = Directives(File.ReadAllText(UnitPath(file)));

        Assert.False(string.IsNullOrEmpty(settings.GetValueOrDefault(key)), $"{file}: {key} is not set");
        Assert.StartsWith("http://", settings.GetValueOrDefault(urls) ?? "", StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>
    /// A copy under the unit's own name (systemd derives the unit name from it) whose program is one that exists here:
    /// verify refuses a unit whose <c>ExecStart</c> program is missing, and the published program is not installed.
    /// </summary>
    private string CopyForVerify(string text, string unit, string program)
    {
        var execStart = $"ExecStart={program} ";
        Assert.Contains(execStart, text, StringComparison.Ordinal);
        var standIn = Environment.ProcessPath!;
        Assert.DoesNotContain(' ', standIn);
        var copy = Path.Combine(_scratch, Guid.NewGuid().ToString("n"), unit);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, text.Replace(execStart, $"ExecStart={standIn} ", StringComparison.Ordinal));
        return copy;
    }

    /// <summary>Key=value lines outside comments; the last one wins, as systemd reads single-valued settings.</summary>
    private static Dictionary<string, string> Directives(string text) =>
        text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] is not ('#' or ';' or '[') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)].Trim(), Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(d => d.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value);

    private static double Seconds(string timespan)
    {
        var match = Timespan().Match(timespan);
        Assert.True(match.Success, $"TimeoutStopSec={timespan} is not in seconds or minutes");
        var value = double.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value == "min" ? value * 60 : value;
    }

    private static string UnitPath(string file) => Path.Combine(RepoRoot(), "deploy", "systemd", file);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Host.sln above {AppContext.BaseDirectory}: the unit-file check needs the repository.");
    }

    [GeneratedRegex(@"^(?<n>\d+)(?<unit>s|sec|min)?$")]
    private static partial Regex Timespan();
}
