using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Skein.Router.Placement;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Faults;

/// <summary>
/// The router's data folder on a small tmpfs that fills up: a change of its own database answers 507 with the host's
/// problem type, naming the folder, changes nothing, and works once space is freed.
/// </summary>
public sealed class RouterDiskFullTests
{
    [SkippableFact]
    public async Task A_re_point_on_a_full_disk_answers_507_naming_the_data_folder_changes_nothing_and_works_once_space_is_freed()
    {
        using var disk = SmallDisk.TryMount(8);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        var dataDir = Path.Combine(disk!.Path, "router");
        // Node a has lost the tenant; node b has it restored: a re-point to b is what the operator asks for.
        await using var a = FakeNode.Start(exchange => exchange.RespondAsync(404, "application/problem+json", "{}"));
        await using var b = FakeNode.Start(exchange => exchange.RespondAsync(200, "application/json", "{\"id\":\"acme\"}"));
        await using var router = await InProcessRouter.StartAsync(new Dictionary<string, Uri> { ["a"] = a.Url, ["b"] = b.Url },
            $"--Router:DataDir={dataDir}");
        var placements = router.Services.GetRequiredService<PlacementStore>();
        Assert.Equal(RepointOutcome.Done, placements.Repoint("acme", "a"));
        var filler = Path.Combine(disk.Path, "filler");
        SmallDisk.Fill(filler);

        using var client = router.Client();
        using (var refused = await client.PutAsJsonAsync("/v1/placements/acme", new { node = "b" }))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.InsufficientStorage, $"{(int)refused.StatusCode}: {body}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal("urn:skein:problem:insufficient-storage", problem["type"]!.GetValue<string>());
            Assert.Equal(
                $"The disk holding the router's data folder '{dataDir}' is full, so the request was not carried out. Free space on that disk (or grow it) and retry.",
                problem["detail"]!.GetValue<string>());
        }

        Assert.Equal("a", placements.Find("acme"));

        File.Delete(filler);
        using var done = await client.PutAsJsonAsync("/v1/placements/acme", new { node = "b" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("b", placements.Find("acme"));
    }

    [SkippableFact]
    public async Task A_create_whose_placement_cannot_be_recorded_answers_507_without_the_key_and_deletes_the_tenant_on_its_node()
    {
        using var disk = SmallDisk.TryMount(8);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        var dataDir = Path.Combine(disk!.Path, "router");
        var deletes = 0;
        // The fake node creates every tenant it is asked for (201 with a key) and confirms deletes.
        await using var node = FakeNode.Start(exchange =>
        {
            if (exchange.Method == "DELETE" && exchange.Target == "/v1/tenants/acme")
            {
                Interlocked.Increment(ref deletes);
                return exchange.RespondAsync(204, "application/json", "");
            }

            return exchange.RespondAsync(404, "application/problem+json", "{}");
        });
        await using var router = await InProcessRouter.StartAsync(new Dictionary<string, Uri> { ["a"] = node.Url },
            $"--Router:DataDir={dataDir}");
        var placements = router.Services.GetRequiredService<PlacementStore>();
        var filler = Path.Combine(disk.Path, "filler");
        SmallDisk.Fill(filler);

        using var client = router.Client();
        using (var refused = await client.PostAsync("/v1/tenants", Create("acme")))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.InsufficientStorage, $"{(int)refused.StatusCode}: {body}");
            Assert.DoesNotContain("fake-tenant-key", body, StringComparison.Ordinal);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal("urn:skein:problem:insufficient-storage", problem["type"]!.GetValue<string>());
            Assert.Equal(
                $"Node 'a' created tenant 'acme', but the router could not record where it is (the disk holding the router's data folder " +
                $"'{dataDir}' is full), so the tenant was deleted there again: nothing was created. Free space on that disk (or grow it) and retry.",
                problem["detail"]!.GetValue<string>());
        }

        Assert.Equal(1, deletes);
        Assert.Null(placements.Find("acme"));

        File.Delete(filler);
        using var created = await client.PostAsync("/v1/tenants", Create("acme"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("fake-tenant-key", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("a", placements.Find("acme"));
    }

    [SkippableFact]
    public async Task A_delete_on_a_full_disk_passes_the_nodes_answer_on_and_leaves_the_placement_on_that_node()
    {
        using var disk = SmallDisk.TryMount(8);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        await using var node = FakeNode.Start(exchange => exchange.Method == "DELETE" && exchange.Target == "/v1/tenants/acme"
            ? exchange.RespondAsync(204, "application/json", "")
            : exchange.RespondAsync(404, "application/problem+json", "{}"));
        await using var router = await InProcessRouter.StartAsync(new Dictionary<string, Uri> { ["a"] = node.Url },
            $"--Router:DataDir={Path.Combine(disk!.Path, "router")}");
        await router.CreateTenantAsync("acme");
        SmallDisk.Fill(Path.Combine(disk.Path, "filler"));

        using var client = router.Client();
        using var deleted = await client.DeleteAsync("/v1/tenants/acme");

        // The node deleted it: that is what the client is told, not a failure that "may or may not have taken effect".
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("a", router.Services.GetRequiredService<PlacementStore>().Find("acme"));
        Assert.Contains(router.Log.Entries, e => e.Id.Id == 9014);
    }

    private static StringContent Create(string id) => new($"{{\"id\":\"{id}\"}}", System.Text.Encoding.UTF8, "application/json");
}
