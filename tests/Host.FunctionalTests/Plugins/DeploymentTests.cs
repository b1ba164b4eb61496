using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

public sealed class DeploymentTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Instances_stay_on_the_version_they_started_on_while_new_ones_run_the_new_version()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "old");
        await ApiClient.WaitForStatusAsync(client, tenant, "old", "waiting");

        var v2 = await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(2));
        Assert.Equal(2, v2["version"]!.GetValue<int>());
        var fresh = await ApiClient.CreateAsync(client, tenant, "pinned", 0, "new", wait: "30s");
        await ApiClient.SendEventAsync(client, tenant, "old", "go", new { who = "ann" });
        var old = await ApiClient.WaitForStatusAsync(client, tenant, "old", "complete");

        Assert.Equal("v2 then v2 - -", fresh["output"]!.GetValue<string>());
        Assert.Equal(2, fresh["version"]!.GetValue<int>());
        Assert.Equal("v1 then v1 for ann", old["output"]!.GetValue<string>());
        Assert.Equal(1, old["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Activate_rolls_back_to_an_earlier_version_for_new_instances()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(2));

        var activate = await client.PostAsync($"/v1/tenants/{tenant}/deployments/1/activate", null);
        await ApiClient.EnsureAsync(activate, HttpStatusCode.OK);
        var listed = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments");
        var done = await ApiClient.CreateAsync(client, tenant, "pinned", 0, wait: "30s");

        Assert.Equal(1, listed!["active"]!.GetValue<int>());
        Assert.Equal(2, listed["versions"]!.AsArray().Count);
        Assert.Equal("v1 then v1 - -", done["output"]!.GetValue<string>());
        var missing = await client.PostAsync($"/v1/tenants/{tenant}/deployments/9/activate", null);
        await ApiClient.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_HTTP_trigger_starts_the_workflow_with_route_values_and_selected_headers()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/tenants/{tenant}/run/pinned/k-42?wait=30s") { Content = JsonContent.Create(0) };
        request.Headers.Add("X-Trace", "abc");
        request.Headers.Add("X-Secret", "not passed on");
        var waited = await client.SendAsync(request);
        var accepted = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/run/pinned/k-43", 0);
        var unknown = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/run/nothing/here", 0);

        await ApiClient.EnsureAsync(waited, HttpStatusCode.OK);
        Assert.Equal("v1 then v1 k-42 abc", await waited.Content.ReadFromJsonAsync<string>());
        await ApiClient.EnsureAsync(accepted, HttpStatusCode.Accepted);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal("v1 then v1 k-43 -", (await ApiClient.WaitForStatusAsync(client, tenant, id, "complete"))["output"]!.GetValue<string>());
        await ApiClient.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retired_version_is_unloaded_and_its_load_context_collected()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "pinned", 0, wait: "30s");
        var versions = host.Services.GetRequiredService<LoadedVersions>();
        var original = ContextOf(versions, tenant, 1);

        // Version 1 is neither active nor needed by an unfinished instance once version 2 is deployed.
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(2));

        Assert.DoesNotContain(1, versions.LoadedVersionsOf(tenant));
        Assert.True(await CollectedAsync(original), "the version 1 load context is still alive after it was retired");
    }

    [Fact]
    public async Task A_version_with_an_unfinished_instance_is_not_retired()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "waits");
        await ApiClient.WaitForStatusAsync(client, tenant, "waits", "waiting");
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(2));
        var deployments = host.Services.GetRequiredService<DeploymentService>();

        Assert.Empty(deployments.RetireIdle(tenant));
        Assert.Contains(1, host.Services.GetRequiredService<LoadedVersions>().LoadedVersionsOf(tenant));
        await ApiClient.SendEventAsync(client, tenant, "waits", "go", new { who = "cy" });
        await ApiClient.WaitForStatusAsync(client, tenant, "waits", "complete");
        Assert.Single(deployments.RetireIdle(tenant));
    }

    /// <remarks>
    /// Process-wide memory is shared with the test classes running in parallel, so this test proves flatness by what
    /// could accumulate: every retired version's load context must be collected. The managed-memory figure itself is
    /// measured in isolation by <c>tests/Bench -- plugins</c> (<c>plugins.memory_mb.after_200_cycles</c>).
    /// </remarks>
    [Fact]
    public async Task Two_hundred_upload_and_retire_cycles_leave_no_version_behind()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "cycles");
        var deployments = host.Services.GetRequiredService<DeploymentService>();
        var versions = host.Services.GetRequiredService<LoadedVersions>();
        var dll = VersionedWorkflow.Build(1);
        var contexts = new List<WeakReference>();
        for (var cycle = 1; cycle <= 200; cycle++)
        {
            // Each cycle's image differs (an identical one would be the version already deployed, not a new one).
            var deployed = await deployments.DeployAsync(tenant, AssemblyImages.WithNewMvid(dll), Host.Plugins.Validation.UploadKind.Dll, null);
            contexts.Add(ContextOf(versions, tenant, deployed.Version));
            deployments.RetireIdle(tenant);
        }

        Assert.Equal([200], versions.LoadedVersionsOf(tenant));
        var retired = contexts.Take(199).ToList();
        for (var i = 0; i < 20 && retired.Any(c => c.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }

        Assert.Equal(0, retired.Count(c => c.IsAlive));
    }

    [Fact]
    public async Task Uploading_new_versions_under_load_fails_no_request()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "swap");
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var completed = 0;
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances?wait=30s", new { @params = 0 });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Created || !body.Contains("\"status\":\"complete\"", StringComparison.Ordinal))
                {
                    lock (failures)
                    {
                        failures.Add($"{(int)response.StatusCode}: {body}");
                    }
                }

                Interlocked.Increment(ref completed);
            }
        })).ToList();

        for (var version = 2; version <= 11; version++)
        {
            await Eventually.Until(() => Volatile.Read(ref completed) >= version * 5, "requests between uploads");
            await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(version));
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.Empty(failures);
        Assert.True(completed >= 50);
    }

    /// <summary>Kept out of the test's frame, so that no strong reference to the version survives on its stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ContextOf(LoadedVersions versions, string tenant, int version) =>
        versions.Get(tenant, version)!.Context;

    private static async Task<bool> CollectedAsync(WeakReference reference)
    {
        for (var i = 0; i < 20 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }

        return !reference.IsAlive;
    }
}
