using System.Reflection;
using Skein.Tests.Common;

namespace Skein.TenantSdk.Testing.Tests;

/// <summary>
/// The workflows the kit's tests run, as tenant source: compiled once into a DLL that is both uploaded to a real host
/// and loaded here for <see cref="WorkflowTestHost"/>, so the two run the very same code. Durations are short because
/// the real host runs on real time.
/// </summary>
internal static class KitWorkflows
{
    public const string Source = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Kit;

        public sealed record RetryParams(int Fails);

        [Workflow("retry")]
        public sealed class RetryWorkflow : Workflow<RetryParams, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<RetryParams> e, WorkflowStep step, CancellationToken ct) =>
                step.Do("flaky", new StepConfig { Retries = new RetryPolicy(3, System.TimeSpan.FromMilliseconds(100), Backoff.Exponential) },
                    ctx => ctx.Attempt <= e.Payload.Fails
                        ? throw new System.InvalidOperationException("attempt " + ctx.Attempt + " failed")
                        : Task.FromResult(ctx.Attempt));
        }

        [Workflow("sleeper")]
        public sealed class SleepWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Sleep("nap", System.TimeSpan.FromMilliseconds(300));
                return await step.Do("after", ctx => Task.FromResult("woke"));
            }
        }

        [Workflow("waiter")]
        public sealed class WaitWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                try
                {
                    var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go", Timeout = System.TimeSpan.FromSeconds(1) });
                    return "got " + go.Payload;
                }
                catch (WorkflowTimeoutException)
                {
                    return await step.Do("gave-up", ctx => Task.FromResult("timed out"));
                }
            }
        }

        [Workflow("parent")]
        public sealed class ParentWorkflow : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var doubled = await step.RunWorkflow<int, int>("double", "child", e.Payload);
                return await step.Do("plus-one", ctx => Task.FromResult(doubled + 1));
            }
        }

        [Workflow("child")]
        public sealed class ChildWorkflow : Workflow<int, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
                step.Do("twice", ctx => Task.FromResult(e.Payload * 2));
        }

        [Workflow("looper")]
        public sealed class LoopWorkflow : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var next = await step.Do("count", ctx => Task.FromResult(e.Payload + 1));
                if (next < 3)
                {
                    throw step.ContinueAsNew(next);
                }

                return next;
            }
        }

        [Workflow("saga")]
        public sealed class SagaWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Do("reserve", null, ctx => Task.FromResult("r-1"), rollback => Task.CompletedTask);
                return await step.Do("charge", new StepConfig { Retries = new RetryPolicy(1, System.TimeSpan.FromMilliseconds(50)) },
                    ctx => ctx.Attempt > 0 ? throw new System.InvalidOperationException("card declined") : Task.FromResult("paid"));
            }
        }

        [Workflow("approval")]
        public sealed class ApprovalWorkflow : Workflow<string, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct)
            {
                var quote = await step.Do("quote", ctx => Task.FromResult("q-" + e.Payload));
                await step.Sleep("cool-off", System.TimeSpan.FromMilliseconds(100));
                var ok = await step.WaitForEvent<bool>("approve", new WaitForEventOptions { Type = "approve", Timeout = System.TimeSpan.FromMinutes(5) });
                return await step.Do("ship", ctx => Task.FromResult(quote + (ok.Payload ? " shipped" : " held")));
            }
        }
        """;

    private static readonly Lazy<byte[]> Image = new(() => TestAssemblies.Compile("Kit.Workflows", Source));
    private static readonly Lazy<Assembly> Loaded = new(() => Assembly.Load(Image.Value));

    /// <summary>The compiled DLL, to upload.</summary>
    public static byte[] Dll => Image.Value;

    /// <summary>Every workflow type of the DLL, loaded here.</summary>
    public static Type[] Types => [.. Loaded.Value.GetTypes().Where(t => t.GetCustomAttribute<WorkflowAttribute>() is not null)];

    /// <summary>
    /// The same source with <paramref name="from"/> replaced, compiled under another assembly name: the "changed code"
    /// a replay must refuse.
    /// </summary>
    public static Type[] Changed(string from, string to) =>
        [.. Assembly.Load(TestAssemblies.Compile("Kit.Changed" + Guid.NewGuid().ToString("n")[..8], Source.Replace(from, to, StringComparison.Ordinal)))
            .GetTypes().Where(t => t.GetCustomAttribute<WorkflowAttribute>() is not null)];
}
