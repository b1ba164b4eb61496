using System.Diagnostics;
using System.Reflection;

namespace Skein.Cli.Tests;

/// <summary>Profiles, the operator's commands, backup and restore, and the built tool run as a process, against one real host.</summary>
public sealed class CliOperatorTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task Login_WritesAnOwnerOnlyProfile_ThatTheNextCommandUses()
    {
        using var cli = new CliRunner();
        var tenant = $"lg-{Guid.NewGuid():n}"[..20];

        var login = await cli.RunAsync("login", "--url", host.UrlText, "--key", CliHost.AdminKey, "--profile", "ops");
        Assert.True(login.ExitCode == 0, login.ToString());
        var file = Path.Combine(cli.ConfigHome, "skein", "profiles.json");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Contains(CliHost.AdminKey, await File.ReadAllTextAsync(file));

        // No --url or --key: both come from the profile.
        var created = await cli.RunAsync("tenants", "create", tenant, "--profile", "ops", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Json["apiKey"]!.GetValue<string>();
        Assert.StartsWith("sk_", key);

        // A tenant profile made the default: tenant commands act on its tenant.
        Assert.Equal(0, (await cli.RunAsync("login", "--url", host.UrlText, "--key", key, "--tenant", tenant)).ExitCode);
        var deployments = await cli.RunAsync("deployments", "list", "--json");
        Assert.True(deployments.ExitCode == 0, deployments.ToString());
        Assert.Empty(deployments.Json["versions"]!.AsArray());
        // The options still win over the profile: this key cannot list tenants.
        var refused = await cli.RunAsync("tenants", "list");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: Forbidden: Listing tenants needs the operator's admin key", refused.Error);
        Assert.Equal(0, (await cli.RunAsync("tenants", "list", "--profile", "ops")).ExitCode);
    }

    [Fact]
    public async Task Login_WithAKeyTheHostRefuses_Exits1_AndSavesNothing()
    {
        using var cli = new CliRunner();

        var login = await cli.RunAsync("login", "--url", host.UrlText, "--key", "sk_not-a-key");

        Assert.Equal(1, login.ExitCode);
        Assert.StartsWith("error: Unauthorized:", login.Error);
        Assert.False(File.Exists(Path.Combine(cli.ConfigHome, "skein", "profiles.json")));
        var next = await cli.RunAsync("tenants", "list");
        Assert.Equal(2, next.ExitCode);
        Assert.StartsWith("error: No host to talk to: run 'skein login --url URL --key KEY' once", next.Error);
        Assert.Equal(2, (await cli.RunAsync("tenants", "list", "--profile", "nope")).ExitCode);
    }

    [Fact]
    public async Task Tenants_CreateListKeysDelete()
    {
        using var admin = host.Operator();
        var tenant = $"tk-{Guid.NewGuid():n}"[..20];
        var created = await admin.RunAsync("tenants", "create", tenant, "--limits", """{"maxConcurrentInstances":5}""");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches($"Created tenant {tenant}.\napi key: sk_\\S+  \\(key id key_\\S+; shown once: keep it\\)\n", created.Out);

        var list = await admin.RunAsync("tenants", "list", "--json");
        Assert.Contains(list.Json.AsArray(), t => t!["id"]!.GetValue<string>() == tenant);
        Assert.Contains($"│ {tenant} ", (await admin.RunAsync("tenants", "list")).Out);

        var issued = await admin.RunAsync("tenants", "keys", tenant, "--issue", "--json");
        var keyId = issued.Json["keyId"]!.GetValue<string>();
        var keys = await admin.RunAsync("tenants", "keys", tenant, "--json");
        Assert.Equal(2, keys.Json.AsArray().Count);
        Assert.Equal(0, (await admin.RunAsync("tenants", "keys", tenant, "--revoke", keyId)).ExitCode);
        var after = await admin.RunAsync("tenants", "keys", tenant, "--json");
        Assert.NotNull(after.Json.AsArray().Single(k => k!["keyId"]!.GetValue<string>() == keyId)!["revokedAt"]);

        var deleted = await admin.RunAsync("tenants", "delete", tenant);
        Assert.Equal($"Deleted tenant {tenant}.\n", deleted.Out);
        var again = await admin.RunAsync("tenants", "delete", tenant);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("error: Not found:", again.Error);
    }

    [Fact]
    public async Task BackupThenRestoreAs_CopiesTheTenantWithItsInstances()
    {
        var (tenant, _, cli) = await host.NewTenantAsync("bk");
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("start", "hello", "--params", """{"name":"ada"}""", "--id", "b-1", "--wait", "60s")).ExitCode);
        using var admin = host.Operator();
        var file = Path.Combine(Directory.CreateTempSubdirectory("skein-cli-backup-").FullName, "backup.zip");
        var copy = $"cp-{Guid.NewGuid():n}"[..20];

        var backup = await admin.RunAsync("backup", tenant, "-o", file);
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.Contains($"Backed up tenant {tenant} to {file}", backup.Out);
        Assert.True(new FileInfo(file).Length > 0);

        var restored = await admin.RunAsync("restore", file, "--as", copy, "--json");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(copy, restored.Json["tenant"]!.GetValue<string>());
        Assert.Equal(1, restored.Json["instances"]!.GetValue<int>());
        var described = await admin.RunAsync("instances", "describe", "b-1", "--tenant", copy, "--json");
        Assert.Equal("hello ada", described.Json["output"]!.GetValue<string>());

        var tenantKeyBackup = await cli.RunAsync("backup", tenant, "-o", file + ".2");
        Assert.Equal(1, tenantKeyBackup.ExitCode);
        Assert.False(File.Exists(file + ".2"));
    }

    [Fact]
    public async Task TheBuiltTool_AsAProcess_ExitsWithTheDocumentedCodes_AndNeverPrintsAStackTrace()
    {
        var listed = await RunToolAsync("tenants", "list", "--url", host.UrlText, "--key", CliHost.AdminKey, "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.NotNull(listed.Json.AsArray());

        var usage = await RunToolAsync("start", "hello", "--params", "{oops", "--url", host.UrlText, "--key", CliHost.AdminKey, "--tenant", "t");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--params is not valid JSON", usage.Error);

        var refused = await RunToolAsync("tenants", "list", "--url", "http://127.0.0.1:1", "--key", "k");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Cannot reach http://127.0.0.1:1/", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error + refused.Out);
    }

    private static async Task<CliResult> RunToolAsync(params string[] args)
    {
        var tool = typeof(CliOperatorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Skein.CliPath").Value!;
        var start = new ProcessStartInfo(Skein.Router.Tests.Cluster.BuildOutputs.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        // Its own config folder: the tool must not read the profiles of whoever runs the tests.
        var config = Directory.CreateTempSubdirectory("skein-cli-process-").FullName;
        start.Environment["XDG_CONFIG_HOME"] = config;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        Directory.Delete(config, recursive: true);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
