namespace Skein.Host.Storage;

/// <summary>
/// What one purge write deleted: the instances, their ids (so the engine can forget what it holds of them), and the
/// rows of every table together (the measure of how long the write held the log's writer).
/// </summary>
internal sealed record PurgeOutcome(IReadOnlyList<string> Instances, long Rows);
