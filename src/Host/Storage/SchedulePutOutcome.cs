namespace Skein.Host.Storage;

/// <summary>What creating a schedule did: <see cref="Existing"/> is the row with that id when there was one.</summary>
internal sealed record SchedulePutOutcome(ScheduleRow? Existing, bool Created, bool LimitReached);
