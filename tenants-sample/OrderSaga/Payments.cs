namespace Samples.OrderSaga;

/// <summary>A stand-in payment provider: deterministic ids derived from the idempotency key.</summary>
internal static class Payments
{
    public static string Charge(string orderId, decimal amount, string idempotencyKey) =>
        amount <= 0
            ? throw new ArgumentOutOfRangeException(nameof(amount), "An order must cost something.")
            : $"ch_{orderId}_{Math.Abs(idempotencyKey.GetHashCode(StringComparison.Ordinal)) % 100000}";

    public static string Refund(string chargeId) => "re_" + chargeId;
}
