using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Skein.Host.Plugins.Validation;

/// <summary>A managed assembly of the upload, open for reading its metadata.</summary>
internal sealed class UploadedAssembly(UploadEntry entry, PEReader pe, MetadataReader metadata, string name) : IDisposable
{
    public UploadEntry Entry { get; private set; } = entry;

    /// <summary>The file's path in the upload; every problem in this assembly names it.</summary>
    public string Path => Entry.Path;

    public PEReader PE { get; } = pe;

    public MetadataReader Metadata { get; } = metadata;

    /// <summary>Whether the image holds only IL: no precompiled (ReadyToRun) or mixed-mode native code.</summary>
    public bool IsILOnly => (PE.PEHeaders.CorHeader!.Flags & CorFlags.ILOnly) != 0;

    /// <summary>The assembly's simple name from its manifest.</summary>
    public string Name { get; } = name;

    /// <summary>Names the file after the assembly, for a single-DLL upload whose request carried no useful file name.</summary>
    public void StoreAs(string path) => Entry = Entry with { Path = path };

    public void Dispose() => PE.Dispose();
}
