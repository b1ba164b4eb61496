using System.Diagnostics;
using System.Diagnostics.Metrics;
using Skein.Host.Storage;
using Skein.Host.Telemetry;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// What the writer records on the Skein meter for each commit: one commit under its tenant, and the commit's time
/// (<c>skein.log.commit.duration</c>), which lies within the time the write was awaited. Only bounds, never durations.
/// </summary>
public sealed class LogWriterMetricsTests : IDisposable
{
    private const int Commits = 3;

    private readonly string _tenant = "metrics-" + Guid.NewGuid().ToString("N");
    private readonly WriterOnNewLog _log;
    private readonly MeterListener _listener = new();
    private readonly List<double> _durations = [];
    private long _commits;

    public LogWriterMetricsTests()
    {
        _log = new WriterOnNewLog(_tenant);

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SkeinTelemetry.Name && instrument.Name is "skein.log.commits" or "skein.log.commit.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SkeinAttributes.MetricTenant && Equals(tag.Value, _tenant))
                {
                    Interlocked.Add(ref _commits, value);
                }
            }
        });
        // The duration carries no tenant: this writer's are the ones recorded on its own thread.
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            if (Thread.CurrentThread.Name == "skein-log " + _tenant)
            {
                lock (_durations)
                {
                    _durations.Add(value);
                }
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task Each_commit_is_counted_under_its_tenant_with_a_duration_within_the_time_its_write_was_awaited()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"));
        var awaited = new List<double>();
        for (var i = 0; i < Commits; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (text) VALUES ($0);", "n"));
            awaited.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        Assert.Equal(Commits + 1, Interlocked.Read(ref _commits));
        List<double> durations;
        lock (_durations)
        {
            durations = [.. _durations.Skip(1)];
        }

        Assert.Equal(Commits, durations.Count);
        for (var i = 0; i < Commits; i++)
        {
            Assert.InRange(durations[i], 0, awaited[i]);
        }
    }
}
