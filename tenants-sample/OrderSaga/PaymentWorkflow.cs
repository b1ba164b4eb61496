using Skein.TenantSdk;

namespace Samples.OrderSaga;

public sealed record PaymentParams(string OrderId, decimal Amount);

/// <summary>
/// Charges an order's card, retried: started by the order saga as a child workflow, so the payment has its own
/// instance (<c>{orderId}-payment-1</c>), history and retries, and the order waits for it without holding a slot.
/// </summary>
[Workflow("payment")]
public sealed class PaymentWorkflow : Workflow<PaymentParams, string>
{
    public override Task<string> RunAsync(WorkflowEvent<PaymentParams> e, WorkflowStep step, CancellationToken ct) =>
        step.Do("charge",
            new StepConfig
            {
                Retries = new RetryPolicy(Limit: 5, Delay: TimeSpan.FromSeconds(1), Backoff: Backoff.Exponential),
                Timeout = TimeSpan.FromSeconds(30),
            },
            ctx => Task.FromResult(Payments.Charge(e.Payload.OrderId, e.Payload.Amount, ctx.IdempotencyKey)));
}
