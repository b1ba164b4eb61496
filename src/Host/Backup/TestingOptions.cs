namespace Skein.Host.Backup;

/// <summary>
/// Options for tests only, bound from <c>Skein:Testing</c>; never set them on a node that serves tenants.
/// </summary>
public sealed class TestingOptions
{
    /// <summary>
    /// A point of the restore swap (one of <see cref="TenantSwap.CrashPoints"/>) at which the process kills itself with
    /// SIGKILL, as abruptly as a crash: no shutdown, no <c>finally</c> blocks. Lets a test crash the real host at an exact
    /// moment of a restore. Default none.
    /// </summary>
    public string? KillAt { get; set; }

    /// <summary>
    /// An absolute file path: while that file exists, every restore waits at its commit point (archive received and
    /// verified, live tenant untouched), as a slow verification would. Lets a test hold a restore there while its client
    /// goes away or another request arrives. The host writes <c>{file}.held</c> when a restore starts waiting, and
    /// <c>{file}.client-gone</c> once the waiting restore's client has gone. Default none.
    /// </summary>
    public string? RestoreHoldFile { get; set; }
}
