using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Control across runs: an operation on an instance acts on its current run, whichever that is by then.</summary>
internal sealed partial class InstanceActor
{
    /// <summary>
    /// Ends the instance <c>terminated</c>. A run that continued as new while the terminate went on has committed the
    /// next run under a new generation, which fences the write made for <paramref name="generation"/>: the terminate
    /// then goes to the run the log holds now, so it never leaves a next run queued with nobody to start it.
    /// </summary>
    private async Task<bool> FinishTerminatedAsync(int generation)
    {
        while (true)
        {
            if (await _tenant.Log.FinishAsync(Id, generation, InstanceStatus.Terminated, null, null, null, Now))
            {
                return true;
            }

            var now = await OffSchedulerAsync(() => _tenant.Log.FindInstance(Id));
            if (now is null || InstanceStatus.IsFinished(now.Status) || now.Generation == generation)
            {
                return false;
            }

            generation = now.Generation;
        }
    }
}
