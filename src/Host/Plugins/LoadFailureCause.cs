namespace Skein.Host.Plugins;

/// <summary>
/// Tells a load failure the upload caused from one the host caused, so a tenant is never blamed for the host's
/// I/O or configuration. Loading the entry assembly reads files the host wrote; resolving the workflows runs the
/// tenant's code (type loads, attributes, constructors), so a failure there is the tenant's unless it is I/O.
/// </summary>
internal static class LoadFailureCause
{
    /// <param name="error">What loading threw.</param>
    /// <param name="ranTenantCode">Whether it was thrown while resolving the tenant's types, rather than reading the entry file.</param>
    public static bool IsTheUploads(Exception error, bool ranTenantCode) => error switch
    {
        OutOfMemoryException or InsufficientExecutionStackException => false,
        BadImageFormatException => true,
        // A dependency named by assembly name that nothing provides is the upload's; a file path is one the host wrote.
        FileNotFoundException missing => !IsPath(missing.FileName),
        FileLoadException unloadable => !IsPath(unloadable.FileName),
        IOException or UnauthorizedAccessException => false,
        _ => ranTenantCode,
    };

    private static bool IsPath(string? name) => string.IsNullOrEmpty(name) || Path.IsPathRooted(name);
}
