namespace Skein.Host.Engine;

/// <summary>Engine settings, bound from the <c>Skein</c> configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>Where catalogs, logs and deployments live. Default <c>./data</c>.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Instances of one tenant that may run at once; the rest stay <c>queued</c>. Default 1,000.</summary>
    public int MaxConcurrentInstancesPerTenant { get; set; } = 1_000;

    /// <summary>Steps (not sleeps or waits) one instance may run. Default 10,000, as Cloudflare Workflows.</summary>
    public int MaxStepsPerInstance { get; set; } = 10_000;

    /// <summary>Largest params, step result, output or event payload, in bytes of JSON. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;
}
