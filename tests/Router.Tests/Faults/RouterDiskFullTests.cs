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
}
