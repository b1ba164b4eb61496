using System.Diagnostics.Metrics;
using Skein.Host.Telemetry;

namespace Skein.Host.Tests.Engine;

/// <summary>Sums what the <c>skein.instances.purged</c> metric records for one tenant while it is alive.</summary>
internal sealed class PurgedCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public PurgedCounter(string tenant)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SkeinTelemetry.Name && instrument.Name == "skein.instances.purged")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SkeinAttributes.MetricTenant && Equals(tag.Value, tenant))
                {
                    Interlocked.Add(ref _total, value);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
