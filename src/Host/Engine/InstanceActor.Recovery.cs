using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Coming back after the host stopped mid-attempt.</summary>
internal sealed partial class InstanceActor
{
    /// <summary>
    /// Before the first start after a host start, charges the attempts the journal says were in flight and the log
    /// shows never ended (or stops the instance after too many crash recoveries in a row); false when the instance
    /// was stopped. It runs inside the start, so a charge that fails is a start that fails: logged, and tried again
    /// five seconds later with the same attempts (the journal is kept until every charge is committed).
    /// </summary>
    private async Task<bool> ChargeCutOffAsync()
    {
        if (_tenant.UnchargedAttempts(Id) is not { } started)
        {
            return true;
        }

        var outcome = await _tenant.Log.ChargeCutOffAttemptsAsync(Id, started, _tenant.Options.MaxCrashRecoveries, Now);
        _tenant.OnCutOff(Id, outcome);
        if (outcome.Stopped)
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Errored);
            return false;
        }

        return true;
    }
}
