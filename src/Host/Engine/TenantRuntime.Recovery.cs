using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Recovering the attempts a host stop cut off (see <see cref="AttemptJournal"/>).</summary>
internal sealed partial class TenantRuntime
{
    /// <summary>
    /// Hands each instance the journal says had attempts in flight to its actor, which charges them (one write per
    /// such instance) before it runs the instance again; returns those instances. The set-aside journal is deleted
    /// once every charge is committed.
    /// </summary>
    private HashSet<string> RecoverCutOffAttempts()
    {
        var byInstance = Journal.Previous.GroupBy(a => a.InstanceId, StringComparer.Ordinal).ToList();
        if (byInstance.Count == 0)
        {
            Journal.CompleteRecovery();
            return [];
        }

        var charges = byInstance
            .Select(group =>
            {
                var started = group.ToList();
                return Post(group.Key, actor => actor.RecoverAsync(started));
            })
            .ToList();
        _ = CompleteRecoveryAsync(charges);
        return byInstance.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
    }

    private async Task CompleteRecoveryAsync(List<Task<bool>> charges)
    {
        try
        {
            await Task.WhenAll(charges);
            Journal.CompleteRecovery();
        }
        catch (Exception error)
        {
            // Kept for the next start, which charges whatever was not committed.
            LogRecoveryIncomplete(_logger, error, Tenant);
        }
    }

    /// <summary>Logs what charging an instance's cut-off attempts did.</summary>
    public void OnCutOff(string id, CutOffOutcome outcome)
    {
        foreach (var attempt in outcome.Charged)
        {
            LogAttemptCutOff(_logger, Tenant, id, attempt.Name, attempt.Count, attempt.Attempt, outcome.Recoveries);
        }

        if (outcome.Stopped)
        {
            LogCrashLoop(_logger, Tenant, id, outcome.Recoveries, Options.MaxCrashRecoveries);
        }
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning,
        Message = "Attempt {Attempt} of step {Step} #{Count} of instance {InstanceId} of tenant {Tenant} was cut off by the host stopping; it is charged to the step (recovery {Recoveries} in a row)")]
    private static partial void LogAttemptCutOff(ILogger logger, string tenant, string instanceId, string step, int count, int attempt, int recoveries);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Error,
        Message = "Instance {InstanceId} of tenant {Tenant} was cut off by the host stopping {Recoveries} times in a row (limit {MaxCrashRecoveries}); it is stopped as errored (CrashLoop)")]
    private static partial void LogCrashLoop(ILogger logger, string tenant, string instanceId, int recoveries, int maxCrashRecoveries);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Error,
        Message = "Cut-off attempts of tenant {Tenant} could not all be charged; the next start tries again")]
    private static partial void LogRecoveryIncomplete(ILogger logger, Exception error, string tenant);
}
