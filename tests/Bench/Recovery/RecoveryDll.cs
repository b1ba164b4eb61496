using Skein.Tests.Common;

namespace Skein.Bench.Recovery;

/// <summary>
/// The tenant workflow of the recovery benchmark, <c>recover</c>: a step, then one of four things by
/// <c>Mode</c> — <c>hang</c> (a step whose first attempt never returns, so the instance is running when the host is
/// killed; the attempt after the restart returns at once), <c>event</c> (a wait for a <c>go</c> event), <c>sleep</c>
/// (a sleep until <c>Until</c>) — and a last step.
/// </summary>
internal static class RecoveryDll
{
    public const string Workflow = "recover";

    public static byte[] Build() => TestAssemblies.Compile("Bench.RecoveryTenant", $$"""
        namespace BenchTenant;

        public sealed record RecoverParams(string Mode, long Until);

        public sealed record Go(int N);

        [Workflow("{{Workflow}}")]
        public sealed class Recover : Workflow<RecoverParams, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<RecoverParams> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Do("first", _ => Task.FromResult(1));
                switch (e.Payload.Mode)
                {
                    case "hang":
                        await step.Do("hang", async ctx =>
                        {
                            if (ctx.Attempt == 1)
                            {
                                await new TaskCompletionSource<int>().Task.WaitAsync(ctx.CancellationToken);
                            }

                            return 2;
                        });
                        break;
                    case "event":
                        await step.WaitForEvent<Go>("go", new WaitForEventOptions { Type = "go" });
                        break;
                    default:
                        await step.SleepUntil("nap", DateTimeOffset.FromUnixTimeMilliseconds(e.Payload.Until));
                        break;
                }

                return await step.Do("last", _ => Task.FromResult(3));
            }
        }
        """);
}
