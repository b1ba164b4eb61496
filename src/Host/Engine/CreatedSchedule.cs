namespace Skein.Host.Engine;

/// <summary>The schedule a create answered with, and whether the create made it (201) or found it (200).</summary>
internal sealed record CreatedSchedule(ScheduleSnapshot Schedule, bool Created);
