namespace Skein.Host.Plugins;

/// <summary>
/// A deployment failed because of the host (its disk, its configuration), not the tenant's upload: 500, with the
/// cause logged for the operator and a message that tells the tenant the upload is not at fault.
/// </summary>
internal sealed class HostFaultException(string message, Exception cause) : Exception(message, cause);
