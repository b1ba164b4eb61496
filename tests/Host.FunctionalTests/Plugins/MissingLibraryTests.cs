using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>A workflow DLL uploaded without the library it calls, then with it, through the real API.</summary>
public sealed class MissingLibraryTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_dll_alone_is_refused_naming_the_missing_library_and_the_publish_folder_zip_runs()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "deplib");
        var library = TestAssemblies.Compile("OpsDepLib", """
            namespace OpsDepLib;

            public static class Greeter
            {
                public static string Hello(string who) => "hello " + who;
            }
            """);
        var workflow = TestAssemblies.Compile("OpsDep", """
            namespace OpsDep;

            [Workflow("greet")]
            public sealed class GreetWorkflow : Workflow<string, string>
            {
                public override Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
                    step.Do("greet", ctx => Task.FromResult(OpsDepLib.Greeter.Hello(e.Payload)));
            }
            """, references: [MetadataReference.CreateFromImage(library)]);

        var alone = await UploadAsync(client, tenant, workflow, "application/octet-stream");

        var problem = await ApiClient.ProblemAsync(alone, HttpStatusCode.UnprocessableEntity);
        var reason = Assert.Single(problem["problems"]!.AsArray())!;
        Assert.Equal("MissingAssembly", reason["code"]!.GetValue<string>());
        var message = reason["message"]!.GetValue<string>();
        Assert.Contains("references assembly OpsDepLib 0.0.0.0, which is missing from the upload", message, StringComparison.Ordinal);
        Assert.Contains("upload a zip of the publish folder", message, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-list", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var zip = await UploadAsync(client, tenant, Zip(("OpsDep.dll", workflow), ("OpsDepLib.dll", library)), "application/zip");
        await ApiClient.EnsureAsync(zip, HttpStatusCode.Created);
        var run = await ApiClient.CreateAsync(client, tenant, "greet", "ops", wait: "30s");
        Assert.Equal("hello ops", run["output"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenant, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
