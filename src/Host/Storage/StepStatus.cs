namespace Skein.Host.Storage;

/// <summary>Where a step, sleep or event wait is; also how a step's rollback handler ended (complete or errored).</summary>
internal enum StepStatus
{
    /// <summary>A step between attempts: its last attempt failed and another is due.</summary>
    Retrying,
    Complete,
    Errored,

    /// <summary>A sleep or event wait not yet over.</summary>
    Waiting,

    /// <summary>An event wait whose timeout passed before its event came.</summary>
    TimedOut,

    /// <summary>A child workflow step whose child was terminated (or deleted) before it ended.</summary>
    Terminated,
}
