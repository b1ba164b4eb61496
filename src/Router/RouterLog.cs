namespace Skein.Router;

/// <summary>Every log line of the router, with its event id (blocks 9000–9199 and 9250–9299).</summary>
internal static partial class RouterLog
{
    [LoggerMessage(EventId = EventIds.PlacementDatabase, Level = LogLevel.Information, Message = "Placement database: {Path}")]
    public static partial void PlacementDatabase(ILogger logger, string path);

    [LoggerMessage(EventId = EventIds.NodeConfigured, Level = LogLevel.Information, Message = "Node {Node} at {Url}, {Tenants} tenants placed on it")]
    public static partial void NodeConfigured(ILogger logger, string node, string url, int tenants);

    [LoggerMessage(EventId = EventIds.PlacedOnUnknownNode, Level = LogLevel.Warning,
        Message = "{Tenants} tenants are placed on node {Node}, which is not in Router:Nodes: they answer 503 until it is configured again or they are moved")]
    public static partial void PlacedOnUnknownNode(ILogger logger, string node, int tenants);

    [LoggerMessage(EventId = EventIds.TenantPlaced, Level = LogLevel.Information, Message = "Tenant {Tenant} placed on node {Node}")]
    public static partial void TenantPlaced(ILogger logger, string tenant, string node);

    [LoggerMessage(EventId = EventIds.PlacementRemoved, Level = LogLevel.Information, Message = "Tenant {Tenant} deleted on node {Node}: placement removed")]
    public static partial void PlacementRemoved(ILogger logger, string tenant, string node);

    [LoggerMessage(EventId = EventIds.PlacementNotRemoved, Level = LogLevel.Warning,
        Message = "Tenant {Tenant} deleted on node {Node}, but its placement could not be removed; it stays pointing at that node")]
    public static partial void PlacementNotRemoved(ILogger logger, Exception error, string tenant, string node);

    [LoggerMessage(EventId = EventIds.ForwardFailed, Level = LogLevel.Warning, Message = "Forwarding {Method} {Path} to node {Node} failed ({Error})")]
    public static partial void ForwardFailed(ILogger logger, Exception? exception, string method, string path, string node, string error);

    [LoggerMessage(EventId = EventIds.NodeUnavailable, Level = LogLevel.Debug, Message = "Tenant {Tenant} refused with 503: node {Node} is {Health}")]
    public static partial void NodeUnavailable(ILogger logger, string tenant, string node, string health);

    [LoggerMessage(EventId = EventIds.NodeListFailed, Level = LogLevel.Warning, Message = "Listing the tenants of node {Node} failed")]
    public static partial void ListFailed(ILogger logger, Exception? exception, string node);

    [LoggerMessage(EventId = EventIds.PlacementRepointed, Level = LogLevel.Warning,
        Message = "Tenant {Tenant} re-pointed by the operator from node {From} to node {To}, which has it")]
    public static partial void PlacementRepointed(ILogger logger, string tenant, string from, string to);

    [LoggerMessage(EventId = EventIds.ForwardClientGone, Level = LogLevel.Debug, Message = "Forwarding {Method} {Path} to node {Node} ended early: the client's side failed ({Error})")]
    public static partial void ClientGone(ILogger logger, string method, string path, string node, string error);
}
