using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Output;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein deployments activate VERSION</c>: roll back or forward.</summary>
[Description("Make a version the one new instances start on (roll back or forward).")]
internal sealed class DeploymentActivateCommand(CliEnvironment environment) : SkeinCommand<DeploymentActivateCommand.Settings>(environment)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<VERSION>")]
        [Description("The version number, as 'deployments list' shows it.")]
        public int Version { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, Connection connection, SkeinClient client, CancellationToken cancel)
    {
        var response = await client.PostAsync($"{TenantPath(connection)}/deployments/{settings.Version}/activate", null, cancel);
        if (settings.Json)
        {
            WriteJson(response.Body);
        }
        else
        {
            Out.Line($"Version {settings.Version} of tenant {connection.Tenant} is active.");
        }

        return ExitCodes.Ok;
    }
}
