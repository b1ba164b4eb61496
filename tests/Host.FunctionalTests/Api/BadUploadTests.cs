using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// Bad uploads through the real endpoint: each answers 4xx naming what was found, and no version is created. The
/// validator's full corpus (every forbidden API, zip bombs, native images, …) is in Host.Tests/Plugins/Validation.
/// </summary>
public sealed class BadUploadTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Cases => ["not-pe", "process", "type-gettype", "zip-slip", "corrupt-zip", "no-workflow", "newer-sdk", "empty"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_upload_is_refused_with_its_reasons_and_creates_no_version(string kind)
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "bad");
        var (body, contentType, expected) = Upload(kind);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(expected, problem!.ToJsonString(), StringComparison.Ordinal);
        var listed = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments");
        Assert.Empty(listed!["versions"]!.AsArray());
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "tenants", tenant, "deployments", "1")));
    }

    [Fact]
    public async Task An_upload_over_the_tenants_size_limit_gets_413_before_it_is_read()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "big");
        using var admin = host.Client();
        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { maxUploadBytes = 4096 }), HttpStatusCode.OK);
        using var content = new ByteArrayContent(new byte[64 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4096", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_with_another_content_type_gets_415()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "type");

        var response = await client.PostAsync($"/v1/tenants/{tenant}/deployments", new StringContent("hello"));

        await ApiClient.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static (byte[] Body, string ContentType, string Expected) Upload(string kind) => kind switch
    {
        "not-pe" => ("this is not an assembly"u8.ToArray(), "application/octet-stream", "not a PE"),
        "process" => (Evil("System.Diagnostics.Process.Start(\"sh\");"), "application/octet-stream", "System.Diagnostics.Process"),
        "type-gettype" => (Evil("System.Type.GetType(\"System.Diagnostics.Process\")!.GetMethod(\"Start\", new[] { typeof(string) })!.Invoke(null, new object[] { \"sh\" });"),
            "application/octet-stream", "System.Type.GetType"),
        "zip-slip" => (Zip(("../evil.dll", Evil(""))), "application/zip", "../evil.dll"),
        "corrupt-zip" => ([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5], "application/zip", "zip"),
        "no-workflow" => (TestAssemblies.Compile("NoWorkflow", "namespace X; public static class Nothing { public static int One() => 1; }"),
            "application/octet-stream", "Workflow"),
        "newer-sdk" => (TestAssemblies.Compile("Newer", Valid, TestAssemblies.FakeSdk("2.0.0.0")), "application/octet-stream", "2.0.0.0"),
        _ => ([], "application/octet-stream", "empty"),
    };

    private const string Valid = """
        namespace Fine;
        [Workflow("fine")]
        public sealed class FineWorkflow : Workflow<int, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(e.Payload);
        }
        """;

    private static byte[] Evil(string statement) => TestAssemblies.Compile("Evil", Valid + $$"""

        public static class Evil
        {
            public static void Run() { {{statement}} }
        }
        """);

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
