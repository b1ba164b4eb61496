namespace Skein.Host.Storage;

/// <summary>A tenant log's place in <see cref="OpenTenantLogs"/>; every field is guarded by that registry's lock.</summary>
internal sealed class OpenLogSlot
{
    /// <summary>Its node in the most-recently-used list while its files are open; null while closed.</summary>
    public LinkedListNode<TenantLog>? Node { get; set; }

    /// <summary>Reads running and writes queued or committing: a log is closed only when this is 0.</summary>
    public int Users { get; set; }

    /// <summary>True while its files are being closed; a new user waits until they are.</summary>
    public bool Closing { get; set; }
}
