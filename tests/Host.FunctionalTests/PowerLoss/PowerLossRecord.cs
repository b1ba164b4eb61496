namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// One operation the shim (powerloss-shim.c) recorded on a file or folder, and where the record ends in the record
/// file. For a write, <see cref="DataAt"/> is where its bytes are in the record file; for a rename or link, they are
/// the new path.
/// </summary>
internal sealed record PowerLossRecord(PowerLossOp Op, string Path, long Offset, long Length, int DataAt, long End);
