using System.Collections.ObjectModel;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Skein.Host.Telemetry;

namespace Skein.Host.Tests.Telemetry;

/// <summary>
/// A tracer provider listening to the <c>Skein</c> source with the in-memory exporter. Tests run in parallel in one
/// process and the source is static, so a test reads only the spans of its own instance.
/// </summary>
internal sealed class RecordedSpans : IDisposable
{
    public const string TestSource = "Skein.Tests";

    // The exporter adds from whichever thread ends a span (any test's, the source being static) while a test reads.
    private readonly LockedSpans _spans = [];
    private readonly TracerProvider _provider;

    public RecordedSpans() => _provider = Sdk.CreateTracerProviderBuilder()
        .AddSource(SkeinTelemetry.Name, TestSource).AddInMemoryExporter(_spans).Build();

    /// <summary>The finished spans tagged with the instance, in the order they ended.</summary>
    public IReadOnlyList<Activity> Of(string instanceId)
    {
        lock (_spans)
        {
            return _spans.Where(s => Equals(s.GetTagItem(SkeinAttributes.InstanceId), instanceId)).ToList();
        }
    }

    public IReadOnlyList<Activity> Runs(string instanceId) => Of(instanceId).Where(s => s.OperationName == RunTrace.RunSpan).ToList();

    public IReadOnlyList<Activity> Attempts(string instanceId) =>
        Of(instanceId).Where(s => s.OperationName == RunTrace.AttemptSpan).ToList();

    public void Dispose() => _provider.Dispose();

    private sealed class LockedSpans : Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
