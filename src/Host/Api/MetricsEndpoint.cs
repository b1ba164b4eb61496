using Skein.Host.Api.Document;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format: instances by status, steps and commits (rates come from the
/// counters), commit time, running and queued instances, per tenant. Operator-only: it names every tenant, so it
/// needs the admin key (401 without a key, 403 with a tenant key).
/// </summary>
internal static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", (HttpContext http, TenantRuntimes engine, LoadedVersions versions) =>
        {
            return Results.Text(Render(engine, versions), "text/plain; version=0.0.4; charset=utf-8");
        }).RequireAccess(AccessPolicy.Operator("Reading metrics")).WithTags("Operations").WithName("metrics")
          .Produces<string>(StatusCodes.Status200OK, "text/plain").WithSummary("Prometheus metrics (admin key).");

    private static string Render(TenantRuntimes engine, LoadedVersions versions)
    {
        var text = new StringBuilder();
        var tenants = engine.Tenants.OrderBy(t => t.Tenant, StringComparer.Ordinal).ToList();
        Family(text, "skein_instances", "gauge", "Instances by status.", tenants.SelectMany(t =>
            t.Log.CountByStatus().Select(s => ($"tenant=\"{t.Tenant}\",status=\"{s.Key.Name}\"", (double)s.Value))));
        Family(text, "skein_steps_completed_total", "counter", "Steps committed as complete since start.",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", (double)t.StepsCompleted)));
        Family(text, "skein_log_commits_total", "counter", "Log transactions committed (each one fsync).",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", (double)t.Log.Stats.Commits)));
        Family(text, "skein_log_writes_total", "counter", "Log writes committed; writes per commit shows group commit at work.",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", (double)t.Log.Stats.Writes)));
        Family(text, "skein_log_commit_seconds_total", "counter", "Time spent committing (fsync included).",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", t.Log.Stats.CommitTicks / (double)Stopwatch.Frequency)));
        Family(text, "skein_instances_purged_total", "counter", "Finished instances deleted by the retention purge since start.",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", (double)t.InstancesPurged)));
        Family(text, "skein_running_instances", "gauge", "Instances holding a concurrency slot.",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", (double)t.Slots.Running)));
        Family(text, "skein_queue_depth", "gauge", "Instances waiting for a concurrency slot.",
            tenants.Select(t => ($"tenant=\"{t.Tenant}\"", (double)t.Slots.Waiting)));
        Family(text, "skein_tenants_frozen", "gauge", "Tenants frozen on this node (a move, or by hand): nothing of them runs.",
            [("", engine.FrozenCount)]);
        Family(text, "skein_loaded_versions", "gauge", "Deployment versions loaded on this node.", [("", versions.Count)]);
        Family(text, "skein_load_contexts_not_collected", "gauge",
            $"Unloaded versions whose code is still loaded after {UnloadedContexts.CollectionsBeforeReport} full collections (tenant code still running).",
            [("", versions.NotCollected)]);
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (labels, value) in samples)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
