using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>A minimal native DLL: a valid PE file with one code section and no CLI header, hence no .NET metadata.</summary>
internal sealed class NativePeImage : PEBuilder
{
    private NativePeImage()
        : base(PEHeaderBuilder.CreateLibraryHeader(), deterministicIdProvider: null)
    {
    }

    public static byte[] Build()
    {
        var image = new BlobBuilder();
        new NativePeImage().Serialize(image);
        return image.ToArray();
    }

    protected override ImmutableArray<Section> CreateSections() =>
        [new Section(".text", SectionCharacteristics.ContainsCode | SectionCharacteristics.MemExecute | SectionCharacteristics.MemRead)];

    protected override BlobBuilder SerializeSection(string name, SectionLocation location)
    {
        var section = new BlobBuilder();
        section.WriteBytes(0xC3, 16); // ret
        return section;
    }

    protected override PEDirectoriesBuilder GetDirectories() => new();
}
