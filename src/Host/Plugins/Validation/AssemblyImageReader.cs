using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Opens a <c>.dll</c> of the upload and says what it is when it is not a plain managed assembly: not a PE file at
/// all, a native DLL, a mixed-mode image, a bare module or a reference assembly.
/// </summary>
internal static class AssemblyImageReader
{
    public static UploadedAssembly? Open(UploadEntry entry, ProblemList problems)
    {
        var path = entry.Path;
        var pe = new PEReader(ImmutableCollectionsMarshal.AsImmutableArray(entry.Bytes));
        var owned = false;
        try
        {
            if (Check(pe, path, problems) is not var (metadata, name))
            {
                return null;
            }

            owned = true;
            return new UploadedAssembly(entry, pe, metadata, name);
        }
        finally
        {
            if (!owned)
            {
                pe.Dispose();
            }
        }
    }

    private static (MetadataReader Metadata, string Name)? Check(PEReader pe, string path, ProblemList problems)
    {
        bool isPortableExecutable;
        try
        {
            // Without an MZ header the reader falls back to a bare COFF object file, which no loader would take.
            isPortableExecutable = !pe.PEHeaders.IsCoffOnly;
        }
        catch (BadImageFormatException)
        {
            isPortableExecutable = false;
        }

        if (!isPortableExecutable)
        {
            var hint = pe.GetEntireImage().GetContent().AsSpan().StartsWith("PK\u0003\u0004"u8) ? "; it is a zip — upload it as one" : "";
            problems.Add(UploadProblemCodes.NotPortableExecutable, path,
                $"{path}: is not a PE file (not a Windows or .NET DLL at all){hint}.");
            return null;
        }

        if (!pe.HasMetadata)
        {
            problems.Add(UploadProblemCodes.NativeImage, path,
                $"{path}: is a native DLL (a PE file without .NET metadata); only managed assemblies are allowed.");
            return null;
        }

        MetadataReader metadata;
        string name;
        try
        {
            metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                problems.Add(UploadProblemCodes.NotAnAssembly, path, $"{path}: is a module without an assembly manifest.");
                return null;
            }

            MetadataLimits.EnsureSignaturesBounded(metadata);
            name = metadata.GetString(metadata.GetAssemblyDefinition().Name);
            if (IsReferenceAssembly(metadata))
            {
                problems.Add(UploadProblemCodes.ReferenceAssembly, path,
                    $"{path}: is a reference assembly (no code); upload the output of dotnet publish, not obj/ref.");
                return null;
            }
        }
        catch (BadImageFormatException e)
        {
            problems.Add(UploadProblemCodes.BadMetadata, path, $"{path}: has unreadable metadata: {e.Message}");
            return null;
        }

        return (metadata, name);
    }

    private static bool IsReferenceAssembly(MetadataReader metadata) =>
        metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(h => MetadataNames.AttributeType(metadata, metadata.GetCustomAttribute(h)))
            .Any(t => t is { Namespace: "System.Runtime.CompilerServices", Name: "ReferenceAssemblyAttribute" });
}
