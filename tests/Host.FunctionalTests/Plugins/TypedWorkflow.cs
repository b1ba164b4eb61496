using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>
/// A tenant workflow whose params, step results, event payload and result are the tenant's own record types, so
/// every one of them goes through System.Text.Json's metadata caches; one step also serializes a tenant type itself
/// with the default options, as tenant code may.
/// </summary>
internal static class TypedWorkflow
{
    public static byte[] Build(int version) => TestAssemblies.Compile("Typed.Tenant", $$"""
        namespace Typed;

        public sealed record Item(string Sku, decimal Price);

        public sealed record OrderIn(string Id, int Quantity, Item[] Items);

        public sealed record Priced(decimal Total, List<Item> Items);

        public sealed record Approval(string By, Item Extra);

        public sealed record OrderOut(string Id, Priced Priced, string ApprovedBy, string Echo, int Version);

        [Workflow("typed")]
        public sealed class TypedWorkflow : Workflow<OrderIn, OrderOut>
        {
            public override async Task<OrderOut> RunAsync(WorkflowEvent<OrderIn> e, WorkflowStep step, CancellationToken ct)
            {
                var priced = await step.Do("price", ctx =>
                    Task.FromResult(new Priced(e.Payload.Items.Sum(i => i.Price) * e.Payload.Quantity, [.. e.Payload.Items])));
                var echo = await step.Do("echo", ctx =>
                    Task.FromResult(System.Text.Json.JsonSerializer.Serialize(new Item("echo", priced.Total))));
                var approval = await step.WaitForEvent<Approval>("approval", new WaitForEventOptions { Type = "approved" });
                return new OrderOut(e.Payload.Id, priced, approval.Payload.By + "+" + approval.Payload.Extra.Sku, echo, {{version}});
            }
        }
        """);

    /// <summary>
    /// Params and result are host types (int, string): only the tenant code's own call puts a tenant type into
    /// System.Text.Json's caches (those of the default options).
    /// </summary>
    public static byte[] BuildSelfSerializing(int version) => TestAssemblies.Compile("SelfSerializing.Tenant", $$"""
        namespace SelfSerializing;

        public sealed record Receipt(string Sku, decimal Price, int Version);

        [Workflow("self-serializing")]
        public sealed class SelfSerializingWorkflow : Workflow<int, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                return await step.Do("receipt", ctx =>
                    Task.FromResult(System.Text.Json.JsonSerializer.Serialize(new Receipt("r", e.Payload, {{version}}))));
            }
        }
        """);
}
