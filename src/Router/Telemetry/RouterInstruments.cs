using System.Diagnostics.Metrics;

namespace Skein.Router.Telemetry;

/// <summary>The router's instruments, on a <see cref="Meter"/> named <c>Skein</c> like the host's.</summary>
internal static class RouterInstruments
{
    public const string Name = "Skein";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Moves = Meter.CreateCounter<long>(
        "skein.router.moves", "{move}", "Tenant moves finished, by outcome: done, or failed (undone, the tenant back on its node).");

    public static void MoveEnded(string outcome) =>
        Moves.Add(1, new KeyValuePair<string, object?>("skein.move.outcome", outcome));
}
