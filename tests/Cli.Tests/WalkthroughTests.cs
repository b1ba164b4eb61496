using System.Diagnostics;
using System.Text.RegularExpressions;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Cli.Tests;

/// <summary>
/// docs/sdk.md's walkthrough followed literally, as a tenant developer would, against a real host process: every
/// command and file of it in order (see <see cref="WalkthroughScript"/>), in a home folder of its own — its own
/// NuGet package folder (so the Skein packages are restored from the walkthrough's feed, never from a cache), template
/// hive, global tools and <c>skein</c> profiles — so the machine's are untouched. A doc change that breaks a step
/// breaks this test.
/// </summary>
public sealed partial class WalkthroughTests(CliHost host, ITestOutputHelper output) : IClassFixture<CliHost>
{
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task The_sdk_walkthrough_runs_as_printed_and_its_instance_completes()
    {
        var repository = LogEventIds.RepoRoot();
        using var admin = host.Operator();
        var created = await admin.RunAsync("tenants", "create", "acme", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Json["apiKey"]!.GetValue<string>();
        var walkthrough = WalkthroughScript.FromMarkdown(
            await File.ReadAllTextAsync(Path.Combine(repository, "docs", "sdk.md")), repository, key, host.UrlText);
        // What the walkthrough promises a reader, so it cannot quietly shrink to something that passes.
        foreach (var step in new[] { "/sdk/Skein.TenantSdk.nupkg", "dotnet new install", "dotnet tool install", "dotnet new skein-workflow -n Acme.Orders",
                     "dotnet test", "skein login", "skein deploy Acme.Orders/Acme.Orders.csproj", "skein start greeting", "--wait 30s", "skein instances describe g-1" })
        {
            Assert.Contains(walkthrough.Commands, c => c.Contains(step, StringComparison.Ordinal));
        }

        using var temp = new TempDataDir();
        var log = await RunAsync(temp.Path, "walkthrough", walkthrough.Script);

        // What a reader sees: the describe's summary line (padded to its table's width), the CLI's and the API's answers.
        Assert.Matches(StatusComplete(), log);
        Assert.Contains("Instance g-1 (workflow greeting, version 1): complete", log, StringComparison.Ordinal);
        Assert.Contains("\"greeting\":\"Hello, Ada! Hello, Ada!\"", log, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"g-2\"", log, StringComparison.Ordinal);
        Assert.Contains("\"output\":{\"greeting\":\"Hello, Grace!\",\"attempts\":1,\"times\":1}", log, StringComparison.Ordinal);

        // tests/Bench's tenant developer loop: the same loop again in the same folder, warm (packages cached, built once).
        if (Environment.GetEnvironmentVariable("SKEIN_WALKTHROUGH_WARM") == "1")
        {
            var warm = await RunAsync(temp.Path, "warm", "cd \"$(cat ~/loop-folder)\"\nskein instances delete g-1\nrm -rf Acme.Orders\n__loop_start=$(date +%s%N)\n"
                + walkthrough.Loop + "echo \"walkthrough-loop: $(( ($(date +%s%N) - __loop_start) / 1000000 )) ms\"\n");
            Assert.Matches(StatusComplete(), warm);
        }
    }

    private async Task<string> RunAsync(string root, string name, string body)
    {
        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var log = Path.Combine(root, $"{name}.log");
        var script = Path.Combine(root, $"{name}.sh");
        // Output to a file, not a pipe: a build server the script leaves running would hold a pipe open.
        await File.WriteAllTextAsync(script, $"""
            exec > '{log}' 2>&1
            set -euo pipefail
            export PATH="$PATH:$HOME/.dotnet/tools"
            cd "$HOME"
            set -x
            {body}
            """);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = home };
        start.ArgumentList.Add(script);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var (variable, value) in new Dictionary<string, string>
                 {
                     ["HOME"] = home,
                     ["DOTNET_CLI_HOME"] = home,
                     ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
                     ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
                     // Third-party packages (xunit, …) from the machine's cache when it has them, read only; the Skein
                     // packages are not in it at the walkthrough's version unless someone followed the doc by hand.
                     ["NUGET_FALLBACK_PACKAGES"] = globalPackages,
                     ["DOTNET_NOLOGO"] = "1",
                     ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                     ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                     ["MSBUILDDISABLENODEREUSE"] = "1",
                 })
        {
            start.Environment[variable] = value;
        }

        // Where a global tool's launcher finds the runtime: the dotnet that runs this test.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet && Path.GetDirectoryName(dotnet) is { } dotnetRoot)
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        // The test runner's MSBuild and the CLI tests' own settings must not reach the reader's shell.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "SKEIN_URL", "SKEIN_KEY", "SKEIN_TENANT", "SKEIN_PROFILE" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(ScriptDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        // Without a terminal the CLI prints no colours; strip any, so the checks read the text a reader reads.
        var text = File.Exists(log) ? Regex.Replace(await File.ReadAllTextAsync(log), @"\x1b\[[0-9;]*m", "") : "";
        foreach (Match timing in Regex.Matches(text, "^walkthrough-loop: .*$", RegexOptions.Multiline))
        {
            output.WriteLine($"{name}: {timing.Value} (from dotnet new skein-workflow to the describe)");
        }

        output.WriteLine($"--- the end of the {name} script's output ---\n{string.Join('\n', text.Split('\n').TakeLast(40))}");
        Assert.True(process.HasExited && process.ExitCode == 0,
            $"The {name} script stopped (exit {(process.HasExited ? process.ExitCode : -1)}); the last of its output:\n{string.Join('\n', text.Split('\n').TakeLast(120))}");
        return text;
    }

    [GeneratedRegex("^status +complete *$", RegexOptions.Multiline)]
    private static partial Regex StatusComplete();
}
