using Skein.Tests.Common;

namespace Skein.Router.Tests.Cluster;

/// <summary>
/// A tenant workflow with a step, a sleep and a wait for an <c>ack</c> event, startable by an HTTP trigger
/// (<c>POST …/run/tickets</c>).
/// </summary>
internal static class TicketWorkflow
{
    private static readonly Lazy<byte[]> Image = new(() => TestAssemblies.Compile("Tickets.Tenant", """
        namespace Tickets;

        public sealed record Ticket(string Text, int SleepMs = 10);

        public sealed record Ack(string By);

        [Workflow("ticket"), HttpTrigger("POST", "tickets")]
        public sealed class TicketWorkflow : Workflow<Ticket, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<Ticket> e, WorkflowStep step, CancellationToken ct)
            {
                var opened = await step.Do("open", ctx => Task.FromResult("opened " + e.Payload.Text));
                await step.Sleep("settle", TimeSpan.FromMilliseconds(e.Payload.SleepMs));
                var ack = await step.WaitForEvent<Ack>("ack", new WaitForEventOptions { Type = "ack" });
                return opened + " acked by " + ack.Payload.By;
            }
        }
        """));

    public static byte[] Dll => Image.Value;
}
