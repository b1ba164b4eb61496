using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Child workflows: what the engine does once the log committed a change to a family of instances.</summary>
internal sealed partial class TenantRuntime
{
    /// <summary>
    /// Wakes the parents whose child step was resolved (no polling: the parent's actor gets the result) and stops the
    /// executions of terminated children. The log holds the truth already; after a host stop, recovery finds the
    /// resolved parents <c>running</c> and the terminated children ended.
    /// </summary>
    private void OnFamilyChanged(FamilyChange change)
    {
        foreach (var id in change.Terminated)
        {
            NotifyStatus(id, InstanceStatus.Terminated);
            Post(id, actor => actor.EndedInLogAsync());
        }

        foreach (var end in change.ResolvedParents)
        {
            var result = new WaitResult(end.Status, end.Output, end.ErrorMessage, end.EndedAt, end.ErrorName);
            LogChildResolved(_logger, Tenant, end.ParentId, end.Position, StoredNames.Name(end.Status));
            Post(end.ParentId, actor => actor.ChildEndedAsync(end.Position, result));
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = EventIds.ChildResolved, Level = Microsoft.Extensions.Logging.LogLevel.Debug,
        Message = "Child workflow step at position {Position} of instance {InstanceId} of tenant {Tenant} resolved {Status}; waking the parent")]
    private static partial void LogChildResolved(Microsoft.Extensions.Logging.ILogger logger, string tenant, string instanceId, int position, string status);
}
