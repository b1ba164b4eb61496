using System.ComponentModel;
using System.Text.Json;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein backup TENANT -o FILE</c> (operator key): downloads a consistent backup archive.</summary>
[Description("Download a consistent backup archive of a tenant (operator key).")]
internal sealed class BackupCommand(CliEnvironment environment) : SkeinCommand<BackupCommand.Settings>(environment)
{
    internal sealed class Settings : TenantArgumentSettings
    {
        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the archive (a .zip).")]
        public string? Output { get; init; }

        public override ValidationResult Validate() =>
            Output is null ? ValidationResult.Error("backup needs -o FILE.") : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var file = System.IO.Path.GetFullPath(settings.Output!);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tenants/{Path(settings.Target)}/backup");
        // The host takes the snapshot before it answers: give it time on a large tenant.
        using var response = await client.OpenAsync(request, cancel, TimeSpan.FromMinutes(10));
        var temp = file + ".partial";
        long written;
        try
        {
            written = await Transfer.RunAsync(Out, settings.Json, $"Backing up {settings.Target}", response.Content.Headers.ContentLength, async progress =>
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancel);
                await using var output = File.Create(temp);
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancel)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancel);
                    total += read;
                    progress(total);
                }

                return total;
            });
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            File.Delete(temp);
            throw new CliFailure($"The backup of {settings.Target} did not complete: {e.Message}");
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        if (settings.Json)
        {
            WriteJson(JsonSerializer.Serialize(new { tenant = settings.Target, file, bytes = written }));
        }
        else
        {
            Out.Line($"Backed up tenant {settings.Target} to {file} ({written:N0} bytes).");
        }

        return ExitCodes.Ok;
    }
}
