using System.ComponentModel;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary>A command on one instance (or tenant): its id as the argument.</summary>
internal class IdSettings : GlobalSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The id.")]
    public string Id { get; init; } = "";
}
