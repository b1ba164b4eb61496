using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>A schedule with its next tick (Unix ms; null when paused or never again).</summary>
internal sealed record ScheduleSnapshot(ScheduleRow Row, long? NextTick);
