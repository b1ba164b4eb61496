using OpenTelemetry;
using OpenTelemetry.Metrics;
using Skein.Host.Telemetry;
using Skein.Host.Tests.Engine;
using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Telemetry;

public sealed class MetricTests
{
    [Fact]
    public async Task Steps_attempts_commits_and_the_commit_latency_histogram_are_recorded()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(SkeinTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "metered", failures: 2, new RetryParams(5, 0, Backoff.Constant));
        await t.WaitForStatusAsync(id, "complete");

        provider.ForceFlush();

        // Other tests of this process run engines with the same tenant at the same time: at least this instance's part.
        Assert.True(Sum(metrics, "skein.steps.completed", ("tenant", TestEngine.Tenant)) >= 1);
        Assert.True(Sum(metrics, "skein.step.attempts", ("tenant", TestEngine.Tenant), ("skein.step.outcome", "retry")) >= 2);
        Assert.True(Sum(metrics, "skein.step.attempts", ("tenant", TestEngine.Tenant), ("skein.step.outcome", "success")) >= 1);
        Assert.True(Sum(metrics, "skein.log.commits", ("tenant", TestEngine.Tenant)) >= 4);
        var latency = Assert.Single(metrics, m => m.Name == "skein.log.commit.duration");
        Assert.Equal("s", latency.Unit);
        Assert.Equal(MetricType.Histogram, latency.MetricType);
        Assert.True(Points(latency).Sum(p => p.GetHistogramCount()) >= 4);
        Assert.True(Points(latency).Sum(p => p.GetHistogramSum()) > 0);
        var batches = Assert.Single(metrics, m => m.Name == "skein.log.commit.batch_size");
        Assert.True(Points(batches).Sum(p => p.GetHistogramCount()) >= 4);
    }

    [Fact]
    public async Task An_attempt_that_fails_its_step_is_counted_as_a_failure()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(SkeinTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "metered-failure", failures: 1, new RetryParams(3, 0, Backoff.Constant) { NonRetryable = true });
        await t.WaitForStatusAsync(id, "errored");

        provider.ForceFlush();

        Assert.True(Sum(metrics, "skein.step.attempts", ("tenant", TestEngine.Tenant), ("skein.step.outcome", "failure")) >= 1);
    }

    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name).SelectMany(Points)
            .Where(p => tags.All(tag => HasTag(p, tag.Key, tag.Value)))
            .Sum(p => p.GetSumLong());

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }
}
