using System.ComponentModel;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary>An operator command on a tenant named as its argument (not the profile's tenant).</summary>
internal class TenantArgumentSettings : GlobalSettings
{
    [CommandArgument(0, "<TENANT>")]
    [Description("The tenant id.")]
    public string Target { get; init; } = "";
}
