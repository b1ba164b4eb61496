namespace Skein.Host.Plugins.Validation;

/// <summary>Which files of a publish folder are stored. Everything else (apphosts, native libraries, docs) is dropped.</summary>
internal static class UploadFileKinds
{
    public static bool IsAssembly(string path) => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    public static bool IsConfig(string path) =>
        path.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase);

    public static bool IsKept(string path)
    {
        // The host shares its own SDK with every plugin, so a copy in the upload would never be loaded.
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        if (fileName.Equals(HostAssemblies.SdkName + ".dll", StringComparison.OrdinalIgnoreCase)
            || fileName.Equals(HostAssemblies.SdkName + ".pdb", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return IsAssembly(path) || IsConfig(path) || path.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase);
    }
}
