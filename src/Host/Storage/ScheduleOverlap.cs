namespace Skein.Host.Storage;

/// <summary>What a tick does while the schedule's previous instance is unfinished.</summary>
internal enum ScheduleOverlap
{
    /// <summary>The tick runs anyway: each tick is its own instance (the default).</summary>
    Allow,

    /// <summary>The tick is taken but starts nothing.</summary>
    Skip,
}
