using Skein.TenantSdk;

namespace Samples.OrderSaga;

public sealed record OrderParams(string OrderId, decimal Amount, string[] Items, int CoolOffSeconds = 1);

public sealed record OrderResult(string OrderId, string ChargeId, string ApprovedBy, string Shipment);

public sealed record Approval(bool Approved, string By);

/// <summary>
/// An order saga: reserve stock, charge the card (a <c>payment</c> child workflow, retried there), cool off, wait for a person's approval, ship. If the
/// approval is refused or never comes, the charge is refunded and the stock released — in that order.
/// </summary>
[Workflow("order")]
public sealed class OrderWorkflow : Workflow<OrderParams, OrderResult>
{
    public override async Task<OrderResult> RunAsync(WorkflowEvent<OrderParams> e, WorkflowStep step, CancellationToken ct)
    {
        var order = e.Payload;
        var reservation = await step.Do("reserve", null,
            ctx => Task.FromResult($"res-{order.OrderId}-{order.Items.Length}"),
            rollback => Task.CompletedTask);

        // The charge runs in a child workflow; the "charge" step keeps its id so that a rollback refunds it.
        var paid = await step.RunWorkflow<PaymentParams, string>("payment", "payment", new PaymentParams(order.OrderId, order.Amount));
        var charge = await step.Do("charge", null,
            ctx => Task.FromResult(paid),
            rollback => Task.FromResult(Payments.Refund(rollback.Output)));

        await step.Sleep("cool-off", TimeSpan.FromSeconds(order.CoolOffSeconds));

        var approval = await step.WaitForEvent<Approval>("approval",
            new WaitForEventOptions { Type = "approval", Timeout = TimeSpan.FromDays(1) });
        if (!approval.Payload.Approved)
        {
            throw new OrderRejectedException($"Order {order.OrderId} was rejected by {approval.Payload.By}.");
        }

        var shipment = await step.Do("ship", ctx => Task.FromResult($"ship-{reservation}"));
        return new OrderResult(order.OrderId, charge, approval.Payload.By, shipment);
    }
}

public sealed class OrderRejectedException(string message) : Exception(message);
