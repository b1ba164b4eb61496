using System.Diagnostics;

namespace Skein.Host.Telemetry;

/// <summary>
/// The trace an instance belongs to, kept on its row as a W3C <c>traceparent</c>: the span current when it was created
/// (the request's, or a parent run's), or a fresh trace id when there was none, so every instance has a trace id to
/// show in its describe whether or not tracing is on.
/// </summary>
internal static class InstanceTracing
{
    /// <summary>The traceparent to create an instance under.</summary>
    public static string NewTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } current } ? current : Fresh();

    /// <summary>The trace id of a stored traceparent, or null for an instance created before it was kept.</summary>
    public static string? TraceId(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var context) ? context.TraceId.ToHexString() : null;

    /// <summary>A new trace, sampled, whose parent span is the instance itself (no span of that id is ever exported).</summary>
    private static string Fresh() =>
        $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
}
