using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Skein.Tests.Common;

namespace Skein.TenantSdk.Testing.Tests;

/// <summary>
/// <c>dotnet new skein-workflow</c> as a tenant developer uses it: the three packages packed into a folder feed, the
/// template installed in a hive of its own (the user's template cache is untouched), instantiated, built, tested,
/// published, and the publish folder uploaded as a zip to a real host, where the sample workflow completes.
/// </summary>
public sealed class TemplateTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromMinutes(10);

    // The packages are packed from what this test's build built (pack defaults to Release).
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void The_template_references_the_packages_of_this_release_by_default()
    {
        // The template is packed as content, so its default version is text: it must follow SkeinVersion by hand.
        var repo = RepositoryRoot();
        var props = File.ReadAllText(Path.Combine(repo, "Directory.Build.props"));
        var release = Regex.Match(props, @"<SkeinVersion[^>]*>([^<]+)</SkeinVersion>").Groups[1].Value;
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo, "templates/content/skein-workflow/.template.config/template.json")));
        var fallback = template.RootElement.GetProperty("symbols").GetProperty("SkeinVersion").GetProperty("defaultValue").GetString();
        Assert.NotEmpty(release);
        Assert.Equal(release, fallback);
    }

    [Fact]
    public async Task A_project_made_from_the_template_builds_passes_its_tests_and_runs_on_a_host()
    {
        var repo = RepositoryRoot();
        using var temp = new TempDataDir();
        var feed = Directory.CreateDirectory(Path.Combine(temp.Path, "feed")).FullName;
        var hive = Path.Combine(temp.Path, "hive");
        var src = Path.Combine(temp.Path, "src");
        // A version of its own, so no package cached by an earlier run is taken for this build's.
        var version = $"1.0.0-t{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (var project in new[] { "src/TenantSdk/TenantSdk.csproj", "src/TenantSdk.Testing/TenantSdk.Testing.csproj" })
        {
            await RunAsync(repo, "pack", Path.Combine(repo, project), "--no-build", "-c", Configuration, "-o", feed, $"-p:Version={version}");
        }

        await RunAsync(repo, "pack", Path.Combine(repo, "templates/Templates.csproj"), "-o", feed, $"-p:Version={version}");
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="skein-test-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        await RunAsync(temp.Path, "new", "install", Path.Combine(feed, $"Skein.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        await RunAsync(temp.Path, "new", "skein-workflow", "-n", "Acme.Orders", "-o", src, "--SkeinVersion", version, "--debug:custom-hive", hive);
        await RunAsync(src, "test", Path.Combine(src, "Acme.Orders.Tests"));
        var publish = Path.Combine(temp.Path, "publish");
        await RunAsync(src, "publish", Path.Combine(src, "Acme.Orders"), "-o", publish);
        Assert.False(File.Exists(Path.Combine(publish, "Skein.TenantSdk.dll")), "the host provides the SDK; the upload must not carry it");

        var zip = Path.Combine(temp.Path, "acme.zip");
        ZipFile.CreateFromDirectory(publish, zip);
        using var client = await NewTenantAsync("acme");
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(zip));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        await HostApi.EnsureAsync(await client.Client.PostAsync($"/v1/tenants/{client.Tenant}/deployments", content), HttpStatusCode.Created);
        await client.StartAsync("greeting", new { name = "Ada", times = 1 }, "g-1");
        var done = await client.WaitForStatusAsync("g-1", "complete");

        Assert.Equal("Hello, Ada!", done.Output!.Value.GetProperty("greeting").GetString());
    }

    private async Task<HostApi> NewTenantAsync(string prefix)
    {
        var tenant = $"{prefix}-{Guid.NewGuid():n}"[..30];
        using var admin = host.Client();
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await HostApi.EnsureAsync(created, HttpStatusCode.Created);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();
        return new HostApi(host.Client(key), tenant);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository (Host.sln) is not above the test's folder.");
    }

    private static async Task RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The test runner's MSBuild settings must not leak into the child builds.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CommandDeadline);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0,
            $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }
}
