using System.ComponentModel;
using System.IO.Compression;
using System.Text.Json;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein restore FILE [--as T]</c> (operator key): uploads a backup archive into its tenant, or into another id.</summary>
[Description("Restore a tenant from a backup archive (operator key); --as restores it under another tenant id.")]
internal sealed class RestoreCommand(CliEnvironment environment) : SkeinCommand<RestoreCommand.Settings>(environment)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A backup archive written by 'skein backup'.")]
        public string File { get; init; } = "";

        [CommandOption("--as <TENANT>")]
        [Description("Restore into this tenant id instead of the archive's.")]
        public string? As { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        if (!System.IO.File.Exists(settings.File))
        {
            throw new UsageException($"'{settings.File}' does not exist.");
        }

        var tenant = ArchiveTenant(settings.File);
        var path = $"/v1/tenants/{Path(tenant)}/restore" + (settings.As is { } target ? "?as=" + Uri.EscapeDataString(target) : "");
        var response = await Transfer.RunAsync(Out, settings.Json, $"Restoring {settings.As ?? tenant}", new FileInfo(settings.File).Length, async sent =>
        {
            using var content = ProgressContent.Of(System.IO.File.OpenRead(settings.File), "application/zip", sent);
            return await client.SendAsync(HttpMethod.Post, path, content, cancel, TimeSpan.FromMinutes(30));
        });
        if (settings.Json)
        {
            WriteJson(response.Body);
            return ExitCodes.Ok;
        }

        var result = response.Object;
        Out.Line($"Restored tenant {Render.String(result["tenant"])} from the backup of {Render.Time(result["backupCreatedAt"])}: "
            + $"{Render.String(result["instances"])} instance(s), active version {Render.String(result["activeVersion"]) ?? "none"}.");
        return ExitCodes.Ok;
    }

    /// <summary>The tenant the archive's <c>manifest.json</c> names: the restore is addressed to it.</summary>
    private static string ArchiveTenant(string file)
    {
        try
        {
            using var zip = ZipFile.OpenRead(file);
            var manifest = zip.GetEntry("manifest.json") ?? throw new CliFailure($"{file} is not a Skein backup: it has no manifest.json.");
            using var stream = manifest.Open();
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.TryGetProperty("tenant", out var tenant) && tenant.GetString() is { Length: > 0 } id
                ? id
                : throw new CliFailure($"{file} is not a Skein backup: its manifest names no tenant.");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new CliFailure($"{file} is not a Skein backup archive ({e.Message}).");
        }
    }
}
