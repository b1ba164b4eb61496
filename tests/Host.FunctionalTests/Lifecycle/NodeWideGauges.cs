namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>
/// Tests that read a node-wide gauge (no tenant label) from <c>/metrics</c> run alone: every host's OpenTelemetry
/// meter provider listens to all meters named <c>Skein</c> in the process and keeps the first host's instruments of a
/// name, so with several test hosts alive at once a host's <c>/metrics</c> could show another host's node-wide value.
/// A node runs one host per process, where this cannot happen.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeWideGauges
{
    public const string Name = "Node-wide gauges";
}
