using System.ComponentModel;

namespace Skein.Cli.Commands;

[Description("Resume a paused instance.")]
internal sealed class InstanceResumeCommand(CliEnvironment environment) : InstanceControlCommand<IdSettings>(environment, "resume");
