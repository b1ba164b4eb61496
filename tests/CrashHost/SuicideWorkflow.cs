using System.Diagnostics;
using System.Globalization;
using Skein.TenantSdk;

namespace Skein.CrashHost;

/// <summary>
/// One step, "fatal", whose every attempt records that it ran and then kills the host process with SIGKILL: a step
/// that crashes the node each time it runs.
/// </summary>
[Workflow("suicide")]
internal sealed class SuicideWorkflow : Workflow<SuicideParams, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<SuicideParams> e, WorkflowStep step, CancellationToken ct)
    {
        var config = new StepConfig { Retries = new RetryPolicy(e.Payload.Limit, TimeSpan.Zero, Backoff.Constant) };
        return await step.Do("fatal", config, async ctx =>
        {
            SideEffectFile.Append(e.Payload.SideEffectFile, string.Create(CultureInfo.InvariantCulture,
                $"{e.InstanceId} {ctx.Name}#{ctx.Count} attempt={ctx.Attempt} run={SideEffectFile.Run}\n"));
            using (var self = Process.GetCurrentProcess())
            {
                self.Kill();
            }

            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
            return 0;
        });
    }
}
