using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// A tenant with two workflows: <c>invoice</c>, whose params are required (<c>Invoice</c>, not nullable), waits for
/// a <c>paid</c> event; <c>optional</c> takes <c>Invoice?</c> and ends at once. Both can be started by a trigger.
/// </summary>
internal static class InvoiceWorkflow
{
    public static byte[] Build() => TestAssemblies.Compile("Invoice.Tenant", """
        namespace Invoices;

        public sealed record Invoice(string Text);

        public sealed record Paid(string By);

        [Workflow("invoice"), HttpTrigger("POST", "invoice")]
        public sealed class InvoiceWorkflow : Workflow<Invoice, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Invoice> e, WorkflowStep step, CancellationToken ct)
            {
                var text = await step.Do("read", ctx => Task.FromResult(e.Payload.Text));
                var paid = await step.WaitForEvent<Paid>("paid", new WaitForEventOptions { Type = "paid" });
                return text + " paid by " + paid.Payload.By;
            }
        }

        [Workflow("optional")]
        public sealed class OptionalWorkflow : Workflow<Invoice?, string>
        {
            public override Task<string> RunAsync(WorkflowEvent<Invoice?> e, WorkflowStep step, CancellationToken ct) =>
                Task.FromResult(e.Payload?.Text ?? "none");
        }
        """);
}
