namespace Skein.Host.Engine;

/// <summary>Why a tenant's runtime stopped: decides what a request bound to it answers.</summary>
internal enum TenantStopReason
{
    /// <summary>Not stopped.</summary>
    None,

    /// <summary>The tenant was deleted: its requests answer 404, as for any tenant that does not exist.</summary>
    Deleted,

    /// <summary>The tenant is being restored (or moved): it comes back, so its requests answer 503 and may retry.</summary>
    Replaced,

    /// <summary>The tenant was frozen (a move): its requests answer 503 until it is unfrozen or moved.</summary>
    Frozen,

    /// <summary>The node is shutting down.</summary>
    Shutdown,
}
