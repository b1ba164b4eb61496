namespace Skein.Host.Telemetry;

/// <summary>
/// The attribute names on Skein's spans and the label names on its metrics (docs/operations.md, "Telemetry"). Tenant
/// ids are among them: every surface these reach (an OTLP collector, <c>/metrics</c>) is the operator's.
/// </summary>
internal static class SkeinAttributes
{
    public const string Tenant = "skein.tenant";

    /// <summary>The tenant label on metrics: <c>tenant</c>, as /metrics labelled it before OpenTelemetry wrote it, so
    /// existing scrapes, alerts and dashboards keep working (spans say <see cref="Tenant"/>).</summary>
    public const string MetricTenant = "tenant";

    /// <summary>The status label of <c>skein_instances</c>: <c>status</c>, for the same reason.</summary>
    public const string MetricStatus = "status";
    public const string InstanceId = "skein.instance.id";
    public const string InstanceStatus = "skein.instance.status";
    public const string Generation = "skein.instance.generation";
    public const string Workflow = "skein.workflow.name";
    public const string Version = "skein.workflow.version";
    public const string Step = "skein.step.name";
    public const string StepCount = "skein.step.count";
    public const string Attempt = "skein.step.attempt";
    public const string Outcome = "skein.step.outcome";
    public const string StepStatus = "skein.step.status";
    public const string RunEnd = "skein.run.end";
    public const string WakeAt = "skein.wake_at";
    public const string EventType = "skein.event.type";
    public const string Verdict = "skein.deployment.verdict";
    public const string ProblemCode = "skein.deployment.problem";
}
