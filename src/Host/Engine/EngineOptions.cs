namespace Skein.Host.Engine;

/// <summary>Engine settings, bound from the <c>Skein</c> configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// Where catalogs, logs and deployments live. Default <c>./data</c>. A relative path is resolved once at start against
    /// the content root (the working directory; <c>dotnet run --project src/Host</c> runs in <c>src/Host</c>), and the
    /// host logs the full path it uses.
    /// </summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Instances of one tenant that may run at once; the rest stay <c>queued</c>. Default 1,000.</summary>
    public int MaxConcurrentInstancesPerTenant { get; set; } = 1_000;

    /// <summary>Steps (not sleeps or waits) one instance may run. Default 10,000, as Cloudflare Workflows.</summary>
    public int MaxStepsPerInstance { get; set; } = 10_000;

    /// <summary>Largest params, step result, output or event payload, in bytes of JSON. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest deployment upload (a DLL or a zip), in bytes. Default 64 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Instance creations (and HTTP triggers) per second per tenant before 429. Default 10,000.</summary>
    public int MaxCreatesPerSecondPerTenant { get; set; } = 10_000;

    /// <summary>
    /// How long a finished instance is kept after it ended before the retention purge deletes it, for tenants whose
    /// limits set no <c>retention</c>. Default 30 days; from 1 hour to 3650 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = RetentionPeriod.Default;

    /// <summary>Deployment versions kept loaded at once; the least recently used is unloaded past it. Default 512.</summary>
    public int MaxLoadedVersions { get; set; } = 512;

    /// <summary>
    /// Crash recoveries in a row an instance may go through: each time the host stops (a crash, a kill) while one of
    /// its step attempts runs, and no progress is committed before the next such stop, counts one; one more ends the
    /// instance <c>errored</c> (<c>CrashLoop</c>) so a step that crashes the host cannot take the node down forever.
    /// Default 5.
    /// </summary>
    public int MaxCrashRecoveries { get; set; } = 5;

    /// <summary>
    /// Tenant logs kept open at once; past it the least recently used idle ones close their files and reopen on their
    /// next use, so file descriptors grow with active tenants rather than registered ones. Default 0: derived from the
    /// process's descriptor limit, (limit − 256) / 8 between 16 and 1,024 (96 under <c>ulimit -n 1024</c>).
    /// </summary>
    public int MaxOpenTenantLogs { get; set; }

    /// <summary>
    /// Waiting instances whose workflow code is kept parked in memory, node-wide, so that a timer or an event
    /// continues it where it stopped instead of replaying its whole history from the log (Temporal calls this the
    /// sticky cache). The least recently parked are evicted first; an evicted instance replays on its next wake, as
    /// after a restart. Default 10,000; 0 turns the cache off.
    /// </summary>
    public int MaxCachedExecutions { get; set; } = 10_000;

    /// <summary>
    /// Bound on the parked executions' size, node-wide, estimated as the UTF-16 size of the params and step results
    /// each one replayed (what its workflow code was handed and may still hold). Default 256 MiB.
    /// </summary>
    public long MaxCachedExecutionBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Demo mode: on an empty data folder, create tenants <c>demo</c>, <c>demo-batch</c> and <c>demo-agent</c> with the
    /// sample workflows deployed, and print keys and curl lines. Generates an admin key when none is set.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>The operator's key: it can do everything. Required outside the demo.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Timeout, response cap and redirects of the client steps call out with (<c>Skein:Egress</c>).</summary>
    public Egress.EgressOptions Egress { get; set; } = new();

    /// <summary>
    /// Lines of workflow code (<c>ILogger</c> in steps and workflows) written to the host's own log per tenant per
    /// second, at most; the rest are counted in one warning (the instances' logs still keep them). Default 100; 0 writes none.
    /// </summary>
    public int MaxTenantLogLinesPerSecond { get; set; } = 100;
}
