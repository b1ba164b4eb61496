using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Finds references to assemblies that nothing will provide at run time: not the SDK, not part of .NET (or otherwise
/// resolved by the host), and not in the upload. The usual cause is uploading the workflow's DLL alone when it calls a
/// library of the tenant's own; the reason names the library and says that a zip of the publish folder carries it,
/// instead of refusing the library's types one by one as APIs off the allow-list.
/// </summary>
internal static class MissingAssemblyCheck
{
    public static void Run(UploadedAssembly assembly, UploadCatalog catalog, UploadKind kind, ProblemList problems)
    {
        var md = assembly.Metadata;
        foreach (var handle in md.AssemblyReferences)
        {
            var reference = md.GetAssemblyReference(handle);
            var name = md.GetString(reference.Name);
            if (!catalog.IsMissing(name))
            {
                continue;
            }

            var remedy = kind == UploadKind.Dll
                ? $"a single DLL cannot carry it: upload a zip of the publish folder (the output of 'dotnet publish'), which holds {name}.dll"
                : $"the zip does not hold {name}.dll: zip the whole publish folder (the output of 'dotnet publish'), which holds it";
            problems.Add(UploadProblemCodes.MissingAssembly, assembly.Path,
                $"{assembly.Path}: references assembly {name} {reference.Version}, which is missing from the upload "
                + $"(it is neither {HostAssemblies.SdkName} nor part of .NET); {remedy}.",
                api: $"{name}, Version={reference.Version}");
        }
    }
}
