using Skein.Tests.Common;

namespace Skein.Dashboard.Tests;

/// <summary>
/// The tenant code the dashboard is shown with: <c>approval</c> retries its first step once (a failed attempt on the
/// timeline), sleeps, logs, waits for an <c>approved</c> event and ships; <c>many</c> runs as many steps as asked.
/// </summary>
internal static class DashboardWorkflows
{
    public static byte[] Build() => TestAssemblies.Compile("Dashboard.Tenant", """
        using Microsoft.Extensions.Logging;

        namespace DashboardTenant;

        public sealed record Order(string Sku, int Quantity);

        public sealed record Approval(string By);

        public sealed record Count(int Steps);

        [Workflow("approval")]
        public sealed class ApprovalWorkflow : Workflow<Order, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Order> e, WorkflowStep step, CancellationToken ct)
            {
                var retry = new StepConfig { Retries = new RetryPolicy(2, TimeSpan.FromMilliseconds(100), Backoff.Constant) };
                var reserved = await step.Do("reserve", retry, ctx =>
                {
                    ctx.Logger.LogInformation("reserving {Quantity} of {Sku}", e.Payload.Quantity, e.Payload.Sku);
                    return ctx.Attempt == 1
                        ? throw new InvalidOperationException("warehouse busy")
                        : Task.FromResult(e.Payload.Quantity);
                });
                await step.Sleep("cool-off", TimeSpan.FromMilliseconds(300));
                var approval = await step.WaitForEvent<Approval>("approval", new WaitForEventOptions { Type = "approved" });
                return await step.Do("ship", ctx => Task.FromResult($"{reserved} x {e.Payload.Sku} approved by {approval.Payload.By}"));
            }
        }

        [Workflow("many")]
        public sealed class ManyStepsWorkflow : Workflow<Count, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<Count> e, WorkflowStep step, CancellationToken ct)
            {
                var total = 0;
                for (var i = 0; i < e.Payload.Steps; i++)
                {
                    total += await step.Do($"step-{i:D4}", ctx => Task.FromResult(1));
                }

                return total;
            }
        }
        """);
}
