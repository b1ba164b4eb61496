namespace Skein.Host.Storage;

/// <summary>Where a schedule came from.</summary>
internal enum ScheduleSource
{
    /// <summary>Created through the schedules API; kept until deleted there.</summary>
    Api,

    /// <summary>Declared by <c>[Schedule]</c> on a workflow of the active version; follows activation.</summary>
    Attribute,
}
