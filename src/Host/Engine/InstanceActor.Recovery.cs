using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Coming back after the host stopped mid-attempt.</summary>
internal sealed partial class InstanceActor
{
    /// <summary>
    /// The first message after a start for an instance with attempts in the journal: charges those the log shows
    /// never ended (or stops the instance after too many crash recoveries in a row), then runs it as a wake would.
    /// </summary>
    public Task<bool> RecoverAsync(IReadOnlyList<AttemptStart> started) => Send<bool>(new InstanceMessage.Recover(started));

    private async Task<bool> RecoverCoreAsync(IReadOnlyList<AttemptStart> started)
    {
        var outcome = await _tenant.Log.ChargeCutOffAttemptsAsync(Id, started, _tenant.Options.MaxCrashRecoveries, Now);
        _tenant.OnCutOff(Id, outcome);
        if (outcome.Stopped)
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Errored);
            return true;
        }

        WakeLater();
        return true;
    }
}
