using System.ComponentModel;
using System.Net.Http.Headers;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein deploy PATH</c>: uploads a .dll, a publish folder or a built .csproj as the tenant's new version.</summary>
[Description("Upload a .dll, a publish folder or a .csproj (built with dotnet publish) as a new version.")]
internal sealed class DeployCommand(CliEnvironment environment) : SkeinCommand<DeployCommand.Settings>(environment)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("A .dll, a publish folder, or a .csproj.")]
        public string Path { get; init; } = "";
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var tenantPath = TenantPath(connection);
        var package = await DeployPackage.FromAsync(settings.Path, Out, settings.Json, Environment.Variable, cancel);
        var response = await Transfer.RunAsync(Out, settings.Json, $"Uploading {package.FileName}", package.Content.Length, async sent =>
        {
            using var content = ProgressContent.Of(new MemoryStream(package.Content), package.MediaType, sent);
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = package.FileName };
            return await client.SendAsync(HttpMethod.Post, $"{tenantPath}/deployments", content, cancel, TimeSpan.FromMinutes(10));
        });
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var deployment = response.Object;
        var workflows = string.Join(", ", deployment["workflows"]?.AsArray().Select(Render.String) ?? []);
        Out.Line(response.Status == 201
            ? $"Deployed version {Render.String(deployment["version"])} of tenant {connection.Tenant}, now active: {workflows}"
            : $"The same content is version {Render.String(deployment["version"])} of tenant {connection.Tenant}, made active again: {workflows}");
        return ExitCodes.Ok;
    }
}
