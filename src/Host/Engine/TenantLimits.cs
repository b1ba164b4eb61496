namespace Skein.Host.Engine;

/// <summary>A tenant's own limits; a null field takes the node default from <see cref="EngineOptions"/>.</summary>
public sealed record TenantLimits
{
    /// <summary>Instances that may run at once; more stay <c>queued</c>.</summary>
    public int? MaxConcurrentInstances { get; init; }

    /// <summary>Largest params, step result, output or event payload, in bytes of JSON.</summary>
    public int? MaxPayloadBytes { get; init; }

    /// <summary>Steps one instance may run.</summary>
    public int? MaxStepsPerInstance { get; init; }

    /// <summary>Largest deployment upload, in bytes.</summary>
    public long? MaxUploadBytes { get; init; }

    /// <summary>Instances created (and HTTP triggers) per second before requests get 429.</summary>
    public int? MaxCreatesPerSecond { get; init; }

    /// <summary>
    /// Addresses, networks and host names the tenant's steps may call although the egress policy refuses them by
    /// default (loopback, private, link-local, unique-local, metadata): <c>10.1.2.0/24</c>, <c>10.1.2.7:8443</c>,
    /// <c>[fd00::1]:443</c>, <c>api.internal:8443</c>. Null or empty: the public internet only.
    /// </summary>
    public IReadOnlyList<string>? EgressAllow { get; init; }

    /// <summary>
    /// How long a finished instance (<c>complete</c>, <c>errored</c>, <c>terminated</c>) is kept after it ended before
    /// it is purged with everything it logged: <c>30d</c>, <c>36h</c>, <c>90m</c> (1 hour to 3650 days). Null: the node
    /// default (<c>Skein:Retention</c>, 30 days).
    /// </summary>
    public string? Retention { get; init; }

    /// <summary>The limits in force: these, with the node defaults where unset.</summary>
    internal EffectiveLimits Resolve(EngineOptions defaults) => new(
        MaxConcurrentInstances ?? defaults.MaxConcurrentInstancesPerTenant,
        MaxPayloadBytes ?? defaults.MaxPayloadBytes,
        MaxStepsPerInstance ?? defaults.MaxStepsPerInstance,
        MaxUploadBytes ?? defaults.MaxUploadBytes,
        MaxCreatesPerSecond ?? defaults.MaxCreatesPerSecondPerTenant,
        // A value the API refused never gets here; one from elsewhere (a hand-made archive) falls back to the default.
        RetentionPeriod.TryParse(Retention, out var retention, out _) ? retention : defaults.Retention);
}

/// <summary>The limits in force for a tenant.</summary>
internal sealed record EffectiveLimits(int MaxConcurrentInstances, int MaxPayloadBytes, int MaxStepsPerInstance,
    long MaxUploadBytes, int MaxCreatesPerSecond, TimeSpan Retention);
