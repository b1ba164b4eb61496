namespace Skein.Host.Storage;

/// <summary>What taking a tick did.</summary>
internal enum ScheduleTickKind
{
    /// <summary>The tick's instance was created now.</summary>
    Created,

    /// <summary>The tick (or a later one) was taken before: nothing was written.</summary>
    AlreadyTaken,

    /// <summary>overlap "skip" and the previous instance is unfinished: the tick was taken, no instance created.</summary>
    SkippedOverlap,

    /// <summary>The schedule is gone or paused: nothing was written.</summary>
    NotDue,
}

/// <summary>The outcome of a tick, with the instance it created (if any).</summary>
internal sealed record ScheduleTickOutcome(ScheduleTickKind Kind, InstanceRow? Instance = null);
