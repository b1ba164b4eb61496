namespace Skein.Host.Engine;

/// <summary>
/// The tenant runtime a request started on was stopped for a restore, a move or a shutdown before the request
/// finished; the request did not take effect past that point and may be retried (503).
/// </summary>
internal sealed class TenantUnavailableException(string message) : EngineException(message);
