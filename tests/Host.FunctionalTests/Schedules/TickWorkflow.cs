using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Schedules;

/// <summary>A tenant upload with "tick" (echoes its schedule tick) and "nightly" (declares a [Schedule]).</summary>
internal static class TickWorkflow
{
    public static byte[] Build(bool withAttribute = true) => TestAssemblies.Compile("Tick.Tenant", $$"""
        namespace Tick;

        [Workflow("tick")]
        public sealed class TickWorkflow : Workflow<int?, string?>
        {
            public override Task<string?> RunAsync(WorkflowEvent<int?> e, WorkflowStep step, CancellationToken ct) =>
                Task.FromResult(e.Schedule?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        }

        [Workflow("nightly")]{{(withAttribute ? "[Schedule(\"0 2 * * *\", TimeZone = \"Europe/Berlin\")]" : "")}}
        public sealed class NightlyWorkflow : Workflow<int?, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<int?> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(1);
        }
        """);
}
