namespace Skein.Host.Tests.Engine.Control;

/// <summary>Which state the <see cref="ControlWorkflow"/> instance should stop in for the control operation.</summary>
internal sealed record ControlParams(string State);
