using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>Builds numbered versions of one tenant workflow whose output says which version's code ran.</summary>
internal static class VersionedWorkflow
{
    public static byte[] Build(int version, string assemblyName = "Pinned.Tenant") => TestAssemblies.Compile(assemblyName, $$"""
        namespace Pinned;

        public sealed record Go(string Who);

        [Workflow("pinned"), HttpTrigger("POST", "pinned/{key}", Headers = ["X-Trace"])]
        public sealed class PinnedWorkflow : Workflow<int, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var first = await step.Do("first", ctx => Task.FromResult("v{{version}}"));
                if (e.Payload == 1)
                {
                    var go = await step.WaitForEvent<Go>("go", new WaitForEventOptions { Type = "go" });
                    return first + " then v{{version}} for " + go.Payload.Who;
                }

                var key = e.Request?.RouteValues["key"] ?? "-";
                var trace = e.Request?.Headers.GetValueOrDefault("X-Trace") ?? "-";
                return first + " then v{{version}} " + key + " " + trace;
            }
        }
        """);
}
