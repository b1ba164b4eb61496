using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Storage;

/// <summary>
/// A host whose data folder is on a small tmpfs that fills up: every change answers 507 naming the data folder,
/// /readyz says the folder cannot be written, and once space is freed everything works again and nothing is corrupt.
/// </summary>
public sealed class DiskFullTests
{
    private const string Admin = "disk-full-admin-key-0123456789";
    private const string InsufficientStorage = "urn:skein:problem:insufficient-storage";

    [SkippableFact]
    public async Task A_full_disk_answers_507_and_unready_and_everything_works_again_once_space_is_freed()
    {
        using var disk = SmallDisk.TryMount(64);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        var dataDir = Path.Combine(disk!.Path, "data");

        var app = SkeinHost.Create(["--urls=http://127.0.0.1:0", $"--Skein:DataDir={dataDir}", $"--Skein:AdminKey={Admin}",
            "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var admin = Client(address, Admin);
            var (tenant, client) = await NewTenantAsync(admin, address, "full-a");
            var dll = SampleTenants.Dll("Samples.OrderSaga");
            await ApiClient.DeployAsync(client, tenant, dll);
            await ApiClient.CreateAsync(client, tenant, "order", Order("o-1"), "o-1");
            await ApiClient.WaitForStatusAsync(client, tenant, "o-1", "waiting");
            var backup = await admin.PostAsync($"/v1/tenants/{tenant}/backups", null);
            await ApiClient.EnsureAsync(backup, HttpStatusCode.Created);
            var backupId = (await backup.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var archive = await admin.GetByteArrayAsync($"/v1/tenants/{tenant}/backups/{backupId}");

            var filler = Path.Combine(disk.Path, "filler");
            SmallDisk.Fill(filler);

            await Expect507(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/order/instances", new { id = "o-2", @params = Order("o-2") }), dataDir);
            await Expect507(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/o-1/events/approval", new { approved = true, by = "ann" }), dataDir);
            // A new build (new module id): the same bytes again would be answered from the stored version.
            var rebuilt = AssemblyImages.WithNewMvid(dll);
            await Expect507(await client.PostAsync($"/v1/tenants/{tenant}/deployments", Binary(rebuilt)), dataDir);
            await Expect507(await admin.PostAsync($"/v1/tenants/{tenant}/backups", null), dataDir);
            await Expect507(await admin.PostAsync($"/v1/tenants/{tenant}/restore?backup={backupId}", null), dataDir);
            await Expect507(await admin.PostAsync($"/v1/tenants/{tenant}/restore", Binary(archive, "application/zip")), dataDir);
            await Expect507(await admin.PostAsJsonAsync("/v1/tenants", new { id = "full-new" }), dataDir);
            var unready = await Eventually.UntilAsync(() => admin.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "/readyz to be unready");
            var body = (await unready.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("unwritable", body["status"]!.GetValue<string>());
            Assert.Contains(dataDir, body["detail"]!.GetValue<string>(), StringComparison.Ordinal);

            // Nothing of the refused changes exists.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/tenants/{tenant}/instances/o-2")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/full-new")).StatusCode);
            Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/backups"))!);

            File.Delete(filler);
            await Eventually.UntilAsync(() => admin.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK, "/readyz to be ready again");
            await ApiClient.CreateAsync(client, tenant, "order", Order("o-2"), "o-2");
            await ApiClient.SendEventAsync(client, tenant, "o-1", "approval", new { approved = true, by = "ann" });
            await ApiClient.WaitForStatusAsync(client, tenant, "o-1", "complete");
            await ApiClient.DeployAsync(client, tenant, rebuilt);
            await ApiClient.EnsureAsync(await admin.PostAsync($"/v1/tenants/{tenant}/backups", null), HttpStatusCode.Created);
            await ApiClient.EnsureAsync(await admin.PostAsync($"/v1/tenants/{tenant}/restore?backup={backupId}", null), HttpStatusCode.OK);
            await ApiClient.WaitForStatusAsync(client, tenant, "o-1", "waiting");
            await NewTenantAsync(admin, address, "full-new");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }

        foreach (var database in Directory.EnumerateFiles(dataDir, "*.db", SearchOption.AllDirectories).Where(p => !p.Contains("/.", StringComparison.Ordinal)))
        {
            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }
    }

    [SkippableFact]
    public async Task A_host_started_on_a_full_disk_exits_saying_so_and_starts_with_its_data_once_space_is_freed()
    {
        using var disk = SmallDisk.TryMount(32);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        var dataDir = Path.Combine(disk!.Path, "data");
        var deadline = TimeSpan.FromMinutes(2);
        using (var first = HostProcess.Start(dataDir))
        {
            using var admin = Client(await first.WaitUntilListeningAsync(deadline), HostProcess.AdminKey);
            await NewTenantAsync(admin, admin.BaseAddress!, "kept");
            await first.KillAsync(deadline);
        }

        var filler = Path.Combine(disk.Path, "filler");
        SmallDisk.Fill(filler);
        using (var refused = HostProcess.Start(dataDir))
        {
            Assert.Equal(4, await refused.WaitForExitAsync(deadline));
            Assert.Contains($"The disk holding the data folder '{dataDir}' is full, so the Skein host cannot start (", refused.Output);
            Assert.Contains("Free space on that disk and start it again.", refused.Output);
            Assert.DoesNotContain("Unhandled exception", refused.Output);
            Assert.DoesNotContain("Now listening on", refused.Output);
        }

        File.Delete(filler);
        using var again = HostProcess.Start(dataDir);
        using var client = Client(await again.WaitUntilListeningAsync(deadline), HostProcess.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tenants/kept")).StatusCode);
    }

    private static object Order(string id) => new { orderId = id, amount = 5.0, items = new[] { "pen" }, coolOffSeconds = 0 };

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<(string Tenant, HttpClient Client)> NewTenantAsync(HttpClient admin, Uri address, string tenant)
    {
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (tenant, Client(address, (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>()));
    }

    private static ByteArrayContent Binary(byte[] bytes, string type = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static async Task Expect507(HttpResponseMessage response, string dataDir)
    {
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.InsufficientStorage);
        Assert.Equal(InsufficientStorage, problem["type"]!.GetValue<string>());
        Assert.Contains(dataDir, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
