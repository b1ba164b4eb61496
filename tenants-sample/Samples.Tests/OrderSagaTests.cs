using Samples.OrderSaga;
using Skein.TenantSdk.Testing;

namespace Samples.Tests;

/// <summary>The order saga on the real engine: approval, refusal, a failing charge, an approval that never comes.</summary>
public sealed class OrderSagaTests
{
    private static WorkflowTestHost NewHost() =>
        new(new WorkflowTestHostOptions { SkipDelays = true }, typeof(OrderWorkflow), typeof(PaymentWorkflow));

    [Fact]
    public async Task An_approved_order_is_charged_and_shipped()
    {
        await using var host = NewHost();
        var id = await host.StartAsync<OrderWorkflow>(new OrderParams("o-1", 25m, ["book"]), "o-1");
        await host.WaitForStatusAsync(id, "waiting");

        await host.SendEventAsync(id, "approval", new Approval(true, "ann"));
        var done = await host.WaitForStatusAsync(id, "complete");

        var result = done.OutputAs<OrderResult>()!;
        Assert.Equal(("o-1", "ann", "ship-res-o-1-1"), (result.OrderId, result.ApprovedBy, result.Shipment));
        Assert.StartsWith("ch_o-1_", result.ChargeId, StringComparison.Ordinal);
        Assert.Equal(["reserve", "payment", "charge", "cool-off", "approval", "ship"], done.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_refused_order_refunds_the_charge_and_releases_the_stock()
    {
        await using var host = NewHost();
        var id = await host.StartAsync<OrderWorkflow>(new OrderParams("o-2", 5m, ["pen"]), "o-2");
        await host.WaitForStatusAsync(id, "waiting");

        await host.SendEventAsync(id, "approval", new Approval(false, "bob"));
        var done = await host.WaitForStatusAsync(id, "errored");

        Assert.Equal(("OrderRejectedException", "Order o-2 was rejected by bob."), (done.Error!.Name, done.Error.Message));
        Assert.Equal("complete", done.StepsNamed("charge").Single().Rollback?.Status);
        Assert.Equal("complete", done.StepsNamed("reserve").Single().Rollback?.Status);
    }

    [Fact]
    public async Task A_charge_that_keeps_failing_releases_the_stock_and_charges_nothing()
    {
        await using var host = NewHost();
        host.FailStep("charge", times: 100);
        var id = await host.StartAsync<OrderWorkflow>(new OrderParams("o-3", 9m, ["cup"]), "o-3");

        var done = await host.WaitForStatusAsync(id, "errored");

        // The payment child retried its charge (6 attempts: the first and 5 retries), then failed the order.
        var payment = await host.DescribeAsync("o-3-payment-1");
        Assert.Equal(("errored", 6), (payment.Status, payment.Steps.Single().Attempts!.Count));
        Assert.Equal("errored", done.StepsNamed("payment").Single().Status);
        Assert.Empty(done.StepsNamed("charge", "step"));
        Assert.Equal("complete", done.StepsNamed("reserve").Single().Rollback?.Status);
    }

    [Fact]
    public async Task An_approval_that_never_comes_times_out_after_a_day_and_compensates()
    {
        await using var host = NewHost();
        var id = await host.StartAsync<OrderWorkflow>(new OrderParams("o-4", 3m, ["hat"]), "o-4");
        // "waiting" is first the cool-off sleep: the day counts from when the approval wait starts.
        await host.WaitForAsync(id, d => d.StepsNamed("approval").Count == 1);

        await host.AdvanceAsync(TimeSpan.FromDays(1));
        var done = await host.WaitForStatusAsync(id, "errored");

        Assert.Equal("WorkflowTimeoutException", done.Error!.Name);
        Assert.Equal("complete", done.StepsNamed("charge").Single().Rollback?.Status);
    }
}
