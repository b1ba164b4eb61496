using System.ComponentModel;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary>The options every command takes: which host and key to use (overriding the profile), and the output form.</summary>
internal class GlobalSettings : CommandSettings
{
    [CommandOption("--profile <NAME>")]
    [Description("The profile to use (default: $SKEIN_PROFILE, else 'default').")]
    public string? Profile { get; init; }

    [CommandOption("--url <URL>")]
    [Description("The host (or router) URL; overrides the profile and $SKEIN_URL.")]
    public string? Url { get; init; }

    [CommandOption("--key <KEY>")]
    [Description("The API key; overrides the profile and $SKEIN_KEY.")]
    public string? Key { get; init; }

    [CommandOption("--tenant <TENANT>")]
    [Description("The tenant tenant commands act on; overrides the profile and $SKEIN_TENANT.")]
    public string? Tenant { get; init; }

    [CommandOption("--json")]
    [Description("Print the server's JSON instead of tables, for scripts.")]
    public bool Json { get; init; }
}
