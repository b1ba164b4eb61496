namespace Skein.Host.Api.History;

/// <summary>
/// The history export's identity (docs/sdk.md, "History export"): readers check both before reading anything else.
/// The version is bumped only when a field changes meaning or is removed; new fields may appear within a version.
/// </summary>
internal static class HistoryFormat
{
    public const string Name = "skein.history";

    public const int Version = 1;
}
