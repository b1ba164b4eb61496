using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Checks which <c>Skein.TenantSdk</c> each assembly was built against. A newer AssemblyVersion than the host's
/// would make the loader give the plugin its own copy of the SDK, and its workflows would silently stop being the
/// host's <c>Workflow&lt;,&gt;</c> type.
/// </summary>
internal static class SdkReferenceCheck
{
    /// <summary>The SDK version each assembly references, for those that reference it.</summary>
    public static Dictionary<UploadedAssembly, Version> Run(IReadOnlyList<UploadedAssembly> assemblies, HostAssemblies host,
        string uploadName, ProblemList problems)
    {
        var versions = new Dictionary<UploadedAssembly, Version>();
        foreach (var assembly in assemblies)
        {
            if (SdkVersion(assembly.Metadata) is not { } version)
            {
                continue;
            }

            versions[assembly] = version;
            if (version > host.SdkVersion)
            {
                problems.Add(UploadProblemCodes.SdkTooNew, assembly.Path,
                    $"{assembly.Path}: built against {HostAssemblies.SdkName} {version}, this host provides {host.SdkVersion}.",
                    api: $"{HostAssemblies.SdkName} {version}");
            }
        }

        if (versions.Count == 0 && assemblies.Count > 0)
        {
            problems.Add(UploadProblemCodes.SdkNotReferenced, uploadName,
                $"{uploadName}: no assembly references {HostAssemblies.SdkName}; workflows derive from "
                + $"{HostAssemblies.SdkName}.Workflow<TParams, TResult>.");
        }

        return versions;
    }

    private static Version? SdkVersion(MetadataReader md) =>
        md.AssemblyReferences
            .Select(md.GetAssemblyReference)
            .Where(r => md.GetString(r.Name) == HostAssemblies.SdkName)
            .Select(r => r.Version)
            .Max();
}
