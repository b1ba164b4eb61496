using System.Reflection;
using System.Text.Json.Nodes;

namespace Skein.Cli.Tests;

/// <summary>Every tenant-side command against one real host process: human output, <c>--json</c> parsed, exit codes.</summary>
public sealed class CliCommandTests(CliHost host) : IClassFixture<CliHost>
{
    private static readonly string HelloParams = """{"name":"ada"}""";

    [Fact]
    public async Task DeployStartWaitDescribe_TheWalkthroughPath_Works()
    {
        var (tenant, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        var dll = TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll");

        var deployed = await cli.RunAsync("deploy", dll);
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.Contains($"Deployed version 1 of tenant {tenant}, now active: hello, approval, fails", deployed.Out);

        var started = await cli.RunAsync("start", "hello", "--params", HelloParams, "--id", "h-1", "--wait", "60s");
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Contains("Instance h-1 (workflow hello, version 1): complete", started.Out);
        Assert.Contains("output: \"hello ada\"", started.Out);

        var described = await cli.RunAsync("instances", "describe", "h-1");
        Assert.True(described.ExitCode == 0, described.ToString());
        Assert.Contains("status    complete", described.Out);
        Assert.Contains("params    {\"name\":\"ada\"}", described.Out);
        Assert.Matches(@"│ 1 │ step\s+│ greet\s+│ complete │", described.Out);

        var json = await cli.RunAsync("instances", "describe", "h-1", "--json");
        Assert.Equal("complete", json.Json["status"]!.GetValue<string>());
        Assert.Equal("greet", json.Json["steps"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("hello ada", json.Json["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deploy_Csproj_IsPublishedZippedAndUploaded()
    {
        var (tenant, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        var project = typeof(CliCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Skein.OrderSagaProject").Value!;

        var deployed = await cli.RunAsync("deploy", project);

        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.Contains($"Deployed version 1 of tenant {tenant}, now active: order, payment", deployed.Out);
        var list = await cli.RunAsync("deployments", "list", "--json");
        Assert.Equal(["order", "payment"], list.Json["versions"]![0]!["workflows"]!.AsArray().Select(w => w!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Deploy_APathThatIsNeitherDllFolderNorProject_IsAUsageError()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        var text = TenantCode.WriteTemp([1, 2, 3], "notes.txt");

        var result = await cli.RunAsync("deploy", text);
        var missing = await cli.RunAsync("deploy", text + ".missing.dll");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a .dll, a publish folder or a .csproj", result.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);
    }

    [Fact]
    public async Task Deploy_PublishFolder_IsZippedAndAccepted_AndDeploymentsListAndActivate()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        var folder = Path.GetDirectoryName(TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))!;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);

        var zipped = await cli.RunAsync("deploy", folder, "--json");
        Assert.True(zipped.ExitCode == 0, zipped.ToString());
        // The same DLL, zipped: the host recognises the content and answers with the existing version.
        Assert.Equal(1, zipped.Json["version"]!.GetValue<int>());

        var list = await cli.RunAsync("deployments", "list", "--json");
        Assert.Equal(1, list.Json["active"]!.GetValue<int>());
        Assert.Equal(["hello", "approval", "fails"], list.Json["versions"]![0]!["workflows"]!.AsArray().Select(w => w!.GetValue<string>()));

        var activated = await cli.RunAsync("deployments", "activate", "1");
        Assert.True(activated.ExitCode == 0, activated.ToString());
        var missing = await cli.RunAsync("deployments", "activate", "7");
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("error: Not found:", missing.Error);
    }

    [Fact]
    public async Task Deploy_RefusedDll_PrintsEveryReasonAsATable_AndExits1()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;

        var refused = await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.RefusedDll, "Cli.Refused.dll"));

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: Upload rejected:", refused.Error);
        Assert.Contains("│ code", refused.Error);
        Assert.Contains("System.IO.File", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);
        var deployments = await cli.RunAsync("deployments", "list", "--json");
        Assert.Empty(deployments.Json["versions"]!.AsArray());
    }

    [Fact]
    public async Task StartWait_OnAWorkflowThatFails_PrintsTheErrorAndExits1()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);

        var failed = await cli.RunAsync("start", "fails", "--params", HelloParams, "--wait", "60s");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains(": errored", failed.Out);
        Assert.Contains("error: InvalidOperationException: no greeting for ada", failed.Out);
    }

    [Fact]
    public async Task UsageErrors_Exit2_AndChangeNothing()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);

        var badJson = await cli.RunAsync("start", "hello", "--params", "{name:", "--id", "bad-1");
        Assert.Equal(2, badJson.ExitCode);
        Assert.StartsWith("error: --params is not valid JSON", badJson.Error);
        Assert.Equal(1, (await cli.RunAsync("instances", "describe", "bad-1")).ExitCode);

        Assert.Equal(2, (await cli.RunAsync("no-such-command")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("instances", "list", "--no-such-option")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("start", "hello", "--wait", "soon")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("instances", "restart", "x", "--count", "2")).ExitCode);
    }

    [Fact]
    public async Task AProblemWithInvalidFields_PrintsTitleDetailAndEachField_Exits1()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;

        var result = await cli.RunAsync("instances", "list", "--status", "sleepy", "--limit", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Invalid request: The list query has invalid parameters.", result.Error);
        Assert.Contains("  - status: 'sleepy' is not a status", result.Error);
        Assert.Contains("  - limit: 'limit' must be between 1 and 1000.", result.Error);
    }

    [Fact]
    public async Task InstancesList_PagesWithTheCursor_AndAllFollowsEveryPage()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);
        foreach (var id in new[] { "l-1", "l-2", "l-3" })
        {
            Assert.Equal(0, (await cli.RunAsync("start", "hello", "--params", HelloParams, "--id", id, "--wait", "60s")).ExitCode);
        }

        var first = await cli.RunAsync("instances", "list", "--limit", "2", "--json");
        Assert.Equal(["l-1", "l-2"], first.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        var cursor = first.Json["nextCursor"]!.GetValue<string>();
        var second = await cli.RunAsync("instances", "list", "--limit", "2", "--cursor", cursor, "--json");
        Assert.Equal(["l-3"], second.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Null(second.Json["nextCursor"]);

        var all = await cli.RunAsync("instances", "list", "--limit", "1", "--all", "--workflow", "hello", "--status", "complete", "--json");
        Assert.Equal(["l-1", "l-2", "l-3"], all.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));

        var table = await cli.RunAsync("instances", "list", "--limit", "2");
        Assert.Contains("│ l-2 ", table.Out);
        Assert.Contains($"More: skein instances list --cursor {cursor} (or --all)", table.Out);
    }

    [Fact]
    public async Task Watch_FollowsTheStreamLiveUntilTheInstanceEnds_AndEventSendsThePayload()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("start", "approval", "--params", HelloParams, "--id", "w-1")).ExitCode);

        var watching = cli.RunAsync("instances", "watch", "w-1", "--json");
        var human = cli.RunAsync("instances", "watch", "w-1");
        // Both watches are open and following before the event that ends the instance is sent.
        await Skein.Tests.Common.Eventually.UntilAsync(async () => (await cli.RunAsync("instances", "describe", "w-1", "--json")).Json["status"]!.GetValue<string>(),
            s => s == "waiting", "the instance to wait for its event");
        Assert.False(watching.IsCompleted);
        var sent = await cli.RunAsync("event", "w-1", "approve", "--payload", """{"by":"grace"}""");
        Assert.True(sent.ExitCode == 0, sent.ToString());

        var watched = await watching;
        Assert.True(watched.ExitCode == 0, watched.ToString());
        var events = watched.JsonLines;
        Assert.Equal("end", events[^1]["event"]!.GetValue<string>());
        Assert.Contains(events, e => e["event"]!.GetValue<string>() == "event" && e["data"]!["type"]!.GetValue<string>() == "approve");
        Assert.Contains(events, e => e["event"]!.GetValue<string>() == "status" && e["data"]!["status"]!.GetValue<string>() == "complete");
        var lines = (await human).Out;
        Assert.Contains("status  complete", lines);
        Assert.Contains("event   approve received", lines);
        Assert.EndsWith("end\n", lines);
        var output = (await cli.RunAsync("instances", "describe", "w-1", "--json")).Json["output"]!.GetValue<string>();
        Assert.Equal("approved by grace", output);
    }

    [Fact]
    public async Task Logs_PrintsWhatTheWorkflowLogged_AndFollowPrintsNewLinesUntilTheEnd()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("start", "approval", "--params", HelloParams, "--id", "g-1")).ExitCode);
        await Skein.Tests.Common.Eventually.UntilAsync(async () => (await cli.RunAsync("instances", "describe", "g-1", "--json")).Json["status"]!.GetValue<string>(),
            s => s == "waiting", "the instance to wait for its event");

        var following = cli.RunAsync("logs", "g-1", "--follow");
        var logged = await cli.RunAsync("logs", "g-1", "--json");
        Assert.Equal(["asking for ada"], logged.Json["items"]!.AsArray().Select(l => l!["message"]!.GetValue<string>()));
        Assert.Equal(0, (await cli.RunAsync("event", "g-1", "approve", "--payload", """{"by":"grace"}""")).ExitCode);

        var followed = await following;
        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Matches(@"information \[ask#1\]: asking for ada\n.*warning \[done#1\]: approved by grace\n$", followed.Out);
        var human = await cli.RunAsync("logs", "g-1");
        Assert.Equal(2, human.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task ControlCommands_PauseResumeTerminateRestartDelete()
    {
        var (_, _, cli) = await host.NewTenantAsync();
        using var _ = cli;
        Assert.Equal(0, (await cli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("start", "approval", "--params", HelloParams, "--id", "c-1")).ExitCode);

        var paused = await cli.RunAsync("instances", "pause", "c-1", "--json");
        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.Contains(paused.Json["status"]!.GetValue<string>(), new[] { "paused", "waitingForPause" });
        var resumed = await cli.RunAsync("instances", "resume", "c-1");
        Assert.True(resumed.ExitCode == 0, resumed + "\nhost:\n" + host.HostOutput);
        var terminated = await cli.RunAsync("instances", "terminate", "c-1");
        Assert.Equal("c-1: terminated\n", terminated.Out);
        var again = await cli.RunAsync("instances", "terminate", "c-1");
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("error: Conflict with the current state:", again.Error);

        var restarted = await cli.RunAsync("instances", "restart", "c-1", "--from", "approve", "--json");
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal("c-1", restarted.Json["id"]!.GetValue<string>());
        Assert.Equal(0, (await cli.RunAsync("instances", "restart", "c-1")).ExitCode);

        var deleted = await cli.RunAsync("instances", "delete", "c-1");
        Assert.Equal("Deleted instance c-1.\n", deleted.Out);
        var gone = await cli.RunAsync("instances", "describe", "c-1");
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("error: Not found: Instance 'c-1' does not exist.\n", gone.Error);
    }
}
