namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Sorts the inflated files of an upload into what is stored: managed assemblies (opened for the checks),
/// checked config files and symbols. Assemblies the host provides itself are dropped from a zip, since the host's
/// copy is what would load; a single-DLL upload cannot be one of them.
/// </summary>
internal sealed class UploadFiles(UploadKind kind, HostAssemblies host, ProblemList problems, List<string> dropped)
{
    public Dictionary<string, byte[]> Open(IEnumerable<UploadEntry> entries, List<UploadedAssembly> assemblies)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!UploadFileKinds.IsAssembly(entry.Path))
            {
                if (UploadFileKinds.IsConfig(entry.Path))
                {
                    ConfigFileCheck.Run(entry, problems);
                }

                files[entry.Path] = entry.Bytes;
            }
            else if (OpenAssembly(entry) is { } assembly)
            {
                assemblies.Add(assembly);
                files[assembly.Path] = entry.Bytes;
            }
        }

        return files;
    }

    private UploadedAssembly? OpenAssembly(UploadEntry entry)
    {
        var assembly = AssemblyImageReader.Open(entry, problems);
        if (assembly is null)
        {
            return null;
        }

        var keep = false;
        try
        {
            keep = Accept(assembly);
            return keep ? assembly : null;
        }
        finally
        {
            if (!keep)
            {
                assembly.Dispose();
            }
        }
    }

    private bool Accept(UploadedAssembly assembly)
    {
        var name = assembly.Name;
        if (name.Length == 0 || name.IndexOfAny(['/', '\\', ':']) >= 0 || name.Any(char.IsControl) || name is "." or "..")
        {
            problems.Add(UploadProblemCodes.BadMetadata, assembly.Path,
                $"{assembly.Path}: has the assembly name \"{name}\", which is not a valid file name.", api: name);
            return false;
        }

        if (kind == UploadKind.Dll)
        {
            assembly.StoreAs($"{name}.dll");
        }
        else if (!assembly.Entry.FileName.Equals($"{name}.dll", StringComparison.OrdinalIgnoreCase))
        {
            // The loader finds dependencies by assembly name, so a renamed file would not be what gets loaded.
            problems.Add(UploadProblemCodes.AssemblyNameMismatch, assembly.Path,
                $"{assembly.Path}: holds the assembly {name}; the file must be named {name}.dll.", api: name);
            return false;
        }

        if (host.Provides(name))
        {
            if (kind == UploadKind.Zip)
            {
                dropped.Add(assembly.Path);
                return false;
            }

            problems.Add(UploadProblemCodes.ReservedAssemblyName, assembly.Path,
                $"{assembly.Path}: is named {name}, an assembly the host provides; give the workflow assembly its own name.",
                api: name);
            return false;
        }

        if (!assembly.IsILOnly)
        {
            // The runtime would run the image's native code rather than JIT the IL this validator reads.
            problems.Add(UploadProblemCodes.NativeImage, assembly.Path,
                $"{assembly.Path}: contains native code (a ReadyToRun or mixed-mode image); only IL-only assemblies are "
                + "allowed — publish without PublishReadyToRun.");
            return false;
        }

        return true;
    }
}
