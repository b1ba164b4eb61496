using System.Collections.Immutable;
using System.Reflection.PortableExecutable;

namespace Skein.Tests.Common;

/// <summary>Changes to compiled assembly images that keep their code.</summary>
public static class AssemblyImages
{
    /// <summary>
    /// The same assembly with a new module version id: other bytes, same code, so an upload of it is a new
    /// deployment rather than the one already deployed. Cheaper than compiling again.
    /// </summary>
    public static byte[] WithNewMvid(byte[] image)
    {
        byte[] old;
        using (var pe = new PEReader(ImmutableArray.Create(image)))
        {
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            old = md.GetGuid(md.GetModuleDefinition().Mvid).ToByteArray();
        }

        var copy = (byte[])image.Clone();
        var fresh = Guid.NewGuid().ToByteArray();
        int at;
        var from = 0;
        while ((at = copy.AsSpan(from).IndexOf(old)) >= 0)
        {
            fresh.CopyTo(copy, from + at);
            from += at + old.Length;
        }

        return copy;
    }
}
