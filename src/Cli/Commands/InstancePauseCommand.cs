using System.ComponentModel;

namespace Skein.Cli.Commands;

[Description("Pause an instance after its in-flight steps finish.")]
internal sealed class InstancePauseCommand(CliEnvironment environment) : InstanceControlCommand<IdSettings>(environment, "pause");
