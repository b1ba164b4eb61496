using Skein.Tests.Common;

namespace Skein.Bench.Plugins;

/// <summary>
/// The tenant workflow the plugin and HTTP benchmarks upload: three steps with trivial bodies, also started by an
/// HTTP trigger. Each version's output names the version, so versions are distinct assemblies.
/// </summary>
internal static class TenantDll
{
    public const string Workflow = "three";

    /// <summary>The trigger's route under <c>/v1/tenants/{tenant}/run/</c>, for POST.</summary>
    public const string TriggerRoute = "go";

    /// <summary>Compiles version <paramref name="version"/> with Roslyn (Release, against the real SDK).</summary>
    public static byte[] Build(int version) => TestAssemblies.Compile("Bench.Tenant", $$"""
        namespace BenchTenant;

        [Workflow("{{Workflow}}"), HttpTrigger("POST", "{{TriggerRoute}}")]
        public sealed class ThreeSteps : Workflow<int, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var one = await step.Do("one", ctx => Task.FromResult(e.Payload + 1));
                var two = await step.Do("two", ctx => Task.FromResult(one + 1));
                var three = await step.Do("three", ctx => Task.FromResult(two + 1));
                return "v{{version}}:" + three;
            }
        }
        """);

    /// <summary>Versions 1..<paramref name="count"/>, compiled once each.</summary>
    public static IReadOnlyList<byte[]> BuildVersions(int count) => [.. Enumerable.Range(1, count).Select(Build)];
}
