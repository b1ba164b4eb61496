using Skein.Tests.Common;

namespace Skein.Bench.Router;

/// <summary>
/// The tenant workflows of the router benchmark: <c>ten</c>, the engine benchmark's 10 trivial steps one after
/// another, and <c>waiter</c>, one step and then a wait for a <c>go</c> event (an instance left waiting).
/// </summary>
internal static class RouterDll
{
    public const string TenSteps = "ten";

    public const string Waiter = "waiter";

    public static byte[] Build() => TestAssemblies.Compile("Bench.RouterTenant", $$"""
        namespace BenchTenant;

        [Workflow("{{TenSteps}}")]
        public sealed class TenSteps : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var sum = e.Payload;
                for (var i = 0; i < 10; i++)
                {
                    var value = i;
                    sum += await step.Do("s", _ => Task.FromResult(value));
                }

                return sum;
            }
        }

        public sealed record Go(int N);

        [Workflow("{{Waiter}}")]
        public sealed class Waiter : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var first = await step.Do("first", _ => Task.FromResult(e.Payload));
                var go = await step.WaitForEvent<Go>("go", new WaitForEventOptions { Type = "go" });
                return first + go.Payload.N;
            }
        }
        """);
}
