using System.Diagnostics.Metrics;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Telemetry;

namespace Skein.Host.Api;

/// <summary>
/// The gauges of one node, read from its state when a reader collects (a scrape of <c>/metrics</c>, an OTLP export):
/// instances by status, queue depths, frozen tenants, loaded versions and contexts not collected. On a meter of the
/// node's own service provider, so two hosts in one process (tests) each report their own and stop with it. Here, not
/// in Telemetry, because it reads the engine and the plugins, which record into Telemetry's instruments.
/// </summary>
internal sealed class NodeGauges : IHostedService, IDisposable
{
    private readonly Meter _meter;

    public NodeGauges(IMeterFactory meters, TenantRuntimes engine, LoadedVersions versions)
    {
        _meter = meters.Create(SkeinTelemetry.Name);
        _meter.CreateObservableGauge("skein.instances", () => PerTenant(engine, InstancesByStatus), "{instance}",
            "Instances by status.");
        _meter.CreateObservableGauge("skein.running_instances", () => PerTenant(engine, t => [Tenant(t, t.Slots.Running)]),
            "{instance}", "Instances holding a concurrency slot.");
        _meter.CreateObservableGauge("skein.queue.depth", () => PerTenant(engine, t => [Tenant(t, t.Slots.Waiting)]),
            "{instance}", "Instances waiting for a concurrency slot.");
        _meter.CreateObservableGauge("skein.tenants.frozen", () => engine.FrozenCount, "{tenant}",
            "Tenants frozen on this node (a move, or by hand): nothing of them runs.");
        _meter.CreateObservableGauge("skein.loaded_versions", () => versions.Count, "{version}",
            "Deployment versions loaded on this node.");
        _meter.CreateObservableGauge("skein.load_contexts.not_collected", () => versions.NotCollected, "{context}",
            $"Unloaded versions whose code is still loaded after {UnloadedContexts.CollectionsBeforeReport} full collections (tenant code still running).");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> InstancesByStatus(TenantRuntime tenant) =>
        tenant.Log.CountByStatus().Select(s => new Measurement<long>(s.Value,
            new KeyValuePair<string, object?>(SkeinAttributes.MetricTenant, tenant.Tenant),
            new KeyValuePair<string, object?>(SkeinAttributes.MetricStatus, Storage.StoredNames.Name(s.Key))));

    private static Measurement<long> Tenant(TenantRuntime tenant, long value) =>
        new(value, new KeyValuePair<string, object?>(SkeinAttributes.MetricTenant, tenant.Tenant));

    /// <summary>Every tenant's measurements; a tenant stopping while it is read (deleted, moved) is left out.</summary>
    private static List<Measurement<long>> PerTenant(TenantRuntimes engine, Func<TenantRuntime, IEnumerable<Measurement<long>>> read)
    {
        var all = new List<Measurement<long>>();
        foreach (var tenant in engine.Tenants.ToList())
        {
            try
            {
                all.AddRange(read(tenant));
            }
            catch (Exception) when (tenant.IsStopped)
            {
                // Its log closed under the read: it is gone from the node, and from the next collection.
            }
        }

        return all;
    }
}
