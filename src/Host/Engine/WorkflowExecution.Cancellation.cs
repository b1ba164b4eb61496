using Microsoft.Extensions.Logging;

namespace Skein.Host.Engine;

/// <summary>Cancelling tokens the tenant's code holds.</summary>
internal sealed partial class WorkflowExecution
{
    /// <summary>
    /// Cancels <paramref name="source"/>, whose token reached tenant code (the workflow's and each step attempt's
    /// <c>CancellationToken</c>). A callback the tenant registered may throw; <c>Cancel()</c> still runs every other
    /// callback and marks the token cancelled before it throws, so the exception is the tenant's fault to log — never a
    /// reason to leave the engine's own pause, terminate or stop half done.
    /// </summary>
    private void CancelTenantToken(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException error)
        {
            LogCancellationCallbackFailed(_tenant.Logger, error, _tenant.Tenant, Id);
        }
    }

    [LoggerMessage(EventId = EventIds.CancellationCallbackFailed, Level = LogLevel.Warning,
        Message = "A cancellation callback of instance {InstanceId} of tenant {Tenant} threw; the cancellation went on")]
    private static partial void LogCancellationCallbackFailed(ILogger logger, Exception error, string tenant, string instanceId);
}
