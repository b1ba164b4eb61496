using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// A tenant assembly with two workflows, compiled once; each version gets its own copy with a new module version id
/// (other bytes, same code), as a tenant's successive uploads would.
/// </summary>
internal static class VersionedTenant
{
    public const string Entry = "Versioned.Tenant.dll";

    private static readonly Lazy<byte[]> Image = new(() => TestAssemblies.Compile("Versioned.Tenant", """
        namespace Versioned;

        public sealed record Order(string Id, bool Wait);

        public sealed record Go(string Who);

        public sealed record Shape(string Name, int Size);

        [Workflow("greet")]
        public sealed class GreetWorkflow : Workflow<Order, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Order> e, WorkflowStep step, CancellationToken ct)
            {
                var first = await step.Do("first", ctx => Task.FromResult("hello " + e.Payload.Id));
                if (e.Payload.Wait)
                {
                    var go = await step.WaitForEvent<Go>("go", new WaitForEventOptions { Type = "go" });
                    return first + " and " + go.Payload.Who;
                }

                return first;
            }
        }

        [Workflow("count")]
        public sealed class CountWorkflow : Workflow<int, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
                Task.FromResult(e.Payload + 1);
        }

        /// <summary>Tenant code that serializes its own type with the default options (a shared cache).</summary>
        public static class SelfJson
        {
            public static string Write() => System.Text.Json.JsonSerializer.Serialize(new Shape("s", 3));
        }
        """));

    /// <summary>The workflows as the upload scan records them: URL name and type.</summary>
    public static IReadOnlyList<DeployedWorkflow> Workflows { get; } =
    [
        new("greet", "Versioned.GreetWorkflow"),
        new("count", "Versioned.CountWorkflow"),
    ];

    /// <summary>A fresh copy of the assembly: the same code under a new module version id.</summary>
    public static byte[] Build() => AssemblyImages.WithNewMvid(Image.Value);
}
