using Microsoft.Extensions.Logging;

namespace Skein.TenantSdk;

/// <summary>Logging from workflow code outside steps.</summary>
public abstract partial class WorkflowStep
{
    /// <summary>
    /// A logger for workflow code outside steps (in <c>RunAsync</c>). Code outside steps runs again whenever the
    /// instance replays; lines written while it replays are dropped, so each line is kept once, when the code runs
    /// live. The host keeps them with the instance (<c>GET …/instances/{id}/logs</c>, the stream) and writes them
    /// to its own log with the tenant and instance. Inside a step, use <see cref="StepContext.Logger"/>, which ties
    /// the line to the attempt. The same bounds apply: a line at most 4,096 characters, an instance at most 10,000
    /// lines.
    /// </summary>
    /// <example><code>step.Logger.LogInformation("Turn {Turn}: asking the planner", turn);</code></example>
    public abstract ILogger Logger { get; }
}
