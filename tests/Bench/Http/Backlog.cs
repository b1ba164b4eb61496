using System.Diagnostics;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Bench.Http;

/// <summary>The instances a fire-and-forget load left unfinished, and how long they take to finish.</summary>
internal static class Backlog
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static long Unfinished(TenantRuntimes engine, string tenant) =>
        engine.Runtime(tenant).Log.CountByStatus().Where(s => !InstanceStatus.IsFinished(s.Key)).Sum(s => s.Value);

    /// <summary>Polls the tenant's log until no instance is unfinished; returns how many were, and the seconds it took.</summary>
    public static async Task<(long Unfinished, double Seconds)> DrainAsync(TenantRuntimes engine, string tenant)
    {
        var started = Stopwatch.GetTimestamp();
        var atStart = Unfinished(engine, tenant);
        while (Unfinished(engine, tenant) > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"{Unfinished(engine, tenant)} instances of {tenant} still unfinished after {Deadline}.");
            }

            await Task.Delay(200);
        }

        return (atStart, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
