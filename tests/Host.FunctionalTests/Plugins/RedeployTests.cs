using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>Uploading content that a version of the tenant already holds deploys that version, not a new one.</summary>
public sealed class RedeployTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Uploading_the_same_dll_twice_answers_200_with_the_existing_version_and_stores_nothing()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "same");
        var dll = VersionedWorkflow.Build(1);
        var first = await UploadAsync(client, tenant, dll, "application/octet-stream");
        await ApiClient.EnsureAsync(first, HttpStatusCode.Created);

        var second = await UploadAsync(client, tenant, dll, "application/octet-stream");

        await ApiClient.EnsureAsync(second, HttpStatusCode.OK);
        var body = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.True(body["active"]!.GetValue<bool>());
        var listed = (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments"))!;
        Assert.Single(listed["versions"]!.AsArray());
        Assert.Equal(["1"], VersionFolders(tenant));
    }

    [Fact]
    public async Task A_zip_holding_the_same_files_as_a_deployed_version_is_that_version()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "zip");
        var dll = VersionedWorkflow.Build(1);
        var symbols = new byte[] { 1, 2, 3 };
        await ApiClient.EnsureAsync(await UploadAsync(client, tenant,
            Zip(CompressionLevel.Optimal, ("Pinned.Tenant.dll", dll), ("Pinned.Tenant.pdb", symbols)), "application/zip"),
            HttpStatusCode.Created);

        // Other entry order, other compression: other bytes, the same files.
        var again = await UploadAsync(client, tenant,
            Zip(CompressionLevel.NoCompression, ("Pinned.Tenant.pdb", symbols), ("Pinned.Tenant.dll", dll)), "application/zip");

        await ApiClient.EnsureAsync(again, HttpStatusCode.OK);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        Assert.Equal(["1"], VersionFolders(tenant));
    }

    [Fact]
    public async Task Uploading_an_older_versions_content_again_makes_that_version_active()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "back");
        var v1 = VersionedWorkflow.Build(1);
        await ApiClient.DeployAsync(client, tenant, v1);
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(2));

        var again = await UploadAsync(client, tenant, v1, "application/octet-stream");

        await ApiClient.EnsureAsync(again, HttpStatusCode.OK);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var listed = (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments"))!;
        Assert.Equal(1, listed["active"]!.GetValue<int>());
        Assert.Equal(2, listed["versions"]!.AsArray().Count);
        var run = await ApiClient.CreateAsync(client, tenant, "pinned", 0, wait: "30s");
        Assert.Equal("v1 then v1 - -", run["output"]!.GetValue<string>());
        Assert.Equal(["1", "2"], VersionFolders(tenant));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenant, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);
    }

    private static byte[] Zip(CompressionLevel level, params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private string[] VersionFolders(string tenant) =>
        [.. Directory.EnumerateDirectories(Path.Combine(host.DataDir, "tenants", tenant, "deployments"))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
