using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Recovering the attempts a host stop cut off (see <see cref="AttemptJournal"/>).</summary>
internal sealed partial class TenantRuntime
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<AttemptStart>> _uncharged = new(StringComparer.Ordinal);

    /// <summary>
    /// Notes, per instance, the attempts the journal says were in flight when the host stopped; each instance's
    /// next start charges them (one write per instance) before it runs (<see cref="InstanceActor"/>), and a start
    /// whose charge fails is tried again like any failed start. Returns those instances. The set-aside journal is
    /// deleted once every charge is committed; until then a crash finds it again at the next start.
    /// </summary>
    private HashSet<string> RecoverCutOffAttempts()
    {
        foreach (var group in Journal.Previous.GroupBy(a => a.InstanceId, StringComparer.Ordinal))
        {
            _uncharged[group.Key] = group.ToList();
        }

        if (_uncharged.IsEmpty)
        {
            Journal.CompleteRecovery();
        }

        return [.. _uncharged.Keys];
    }

    /// <summary>The attempts of <paramref name="id"/> a host stop cut off and no charge has committed yet, if any.</summary>
    public IReadOnlyList<AttemptStart>? UnchargedAttempts(string id) =>
        _uncharged.TryGetValue(id, out var started) ? started : null;

    /// <summary>An instance's cut-off attempts are charged (committed): logs what that did.</summary>
    public void OnCutOff(string id, CutOffOutcome outcome)
    {
        if (_uncharged.TryRemove(id, out _) && _uncharged.IsEmpty)
        {
            Journal.CompleteRecovery();
        }

        foreach (var attempt in outcome.Charged)
        {
            LogAttemptCutOff(_logger, Tenant, id, attempt.Name, attempt.Count, attempt.Attempt, outcome.Recoveries);
        }

        if (outcome.Stopped)
        {
            LogCrashLoop(_logger, Tenant, id, outcome.Recoveries, Options.MaxCrashRecoveries);
            OnInstanceErrored(id, TenantLog.CrashLoopError, $"cut off by the host stopping {outcome.Recoveries} times in a row");
        }
    }

    [LoggerMessage(EventId = EventIds.AttemptCutOff, Level = LogLevel.Warning,
        Message = "Attempt {Attempt} of step {Step} #{Count} of instance {InstanceId} of tenant {Tenant} was cut off by the host stopping; it is charged to the step (recovery {Recoveries} in a row)")]
    private static partial void LogAttemptCutOff(ILogger logger, string tenant, string instanceId, string step, int count, int attempt, int recoveries);

    [LoggerMessage(EventId = EventIds.CrashLoop, Level = LogLevel.Error,
        Message = "Instance {InstanceId} of tenant {Tenant} was cut off by the host stopping {Recoveries} times in a row (limit {MaxCrashRecoveries}); it is stopped as errored (CrashLoop)")]
    private static partial void LogCrashLoop(ILogger logger, string tenant, string instanceId, int recoveries, int maxCrashRecoveries);
}
