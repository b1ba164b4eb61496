namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>The record kinds of powerloss-shim.c.</summary>
internal enum PowerLossOp
{
    Write = 1,
    Truncate = 2,
    Sync = 3,
    Unlink = 4,
    Rename = 5,
    Create = 6,
    Mkdir = 7,
    Rmdir = 8,
    Link = 9,
}
