namespace Skein.Host.Plugins;

/// <summary>
/// A deployment version's own code does not load: a bad image, a dependency it does not carry, a type of its own
/// that does not load, a workflow constructor or attribute that throws. The upload's fault, not the host's.
/// </summary>
internal sealed class VersionLoadException(string message, Exception cause) : Exception(message, cause);
