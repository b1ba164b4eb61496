using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Skein.Host.Telemetry;

/// <summary>
/// The host's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>Skein</c> (DESIGN §13). Static, as
/// the runtime's own sources are: the engine and the log writer record into them without a service in hand, and
/// with no listener attached a start or an add costs one check.
/// </summary>
internal static class SkeinTelemetry
{
    public const string Name = "Skein";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
