using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// The tenant of the power-loss test: as many short steps as the payload says, each returning a value made when it
/// ran, so a step lost and run again after the cut shows up as a different output, not as the same one.
/// </summary>
internal static class PowerLossWorkflow
{
    public const string Name = "steps";

    public static byte[] Build() => TestAssemblies.Compile("PowerLoss.Tenant", """
        namespace PowerLoss;

        [Workflow("steps")]
        public sealed class StepsWorkflow : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                for (var i = 0; i < e.Payload; i++)
                {
                    await step.Do("s" + i, async ctx => { await Task.Delay(5, ctx.CancellationToken); return Guid.NewGuid().ToString("n"); });
                }

                return e.Payload;
            }
        }
        """);
}
