using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>
/// A tenant workflow whose payload picks how it spends its life: 0 ends at once, 1 waits for a "go" event, 2 sleeps,
/// 3 runs many slow steps. The output names the version whose code ran.
/// </summary>
internal static class MixedWorkflow
{
    public const int Done = 0;
    public const int Waits = 1;
    public const int Sleeps = 2;
    public const int Runs = 3;

    /// <param name="extra">More C# in the namespace, e.g. a class the upload validator refuses.</param>
    public static byte[] Build(int version = 1, string extra = "") => TestAssemblies.Compile("Mixed.Tenant", $$"""
        namespace Mixed;

        public sealed record Go(string Who);

        [Workflow("mixed")]
        public sealed class MixedWorkflow : Workflow<int, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var first = await step.Do("first", ctx => Task.FromResult("v{{version}}"));
                switch (e.Payload)
                {
                    case 1:
                        var go = await step.WaitForEvent<Go>("go", new WaitForEventOptions { Type = "go" });
                        return first + " go " + go.Payload.Who;
                    case 2:
                        await step.Sleep("nap", TimeSpan.FromSeconds(2));
                        return first + " slept";
                    case 3:
                        for (var i = 0; i < 60; i++)
                        {
                            await step.Do("slow-" + i, async ctx => { await Task.Delay(25, ct); return i; });
                        }

                        return first + " ran";
                    default:
                        return first + " done";
                }
            }
        }

        {{extra}}
        """);
}
