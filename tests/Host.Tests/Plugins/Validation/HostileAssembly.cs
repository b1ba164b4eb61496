using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>
/// Writes assemblies no compiler would: metadata whose references loop back on themselves, the kind a hostile
/// upload would use to make a validator recurse until the stack overflows.
/// </summary>
internal static class HostileAssembly
{
    /// <summary>A type reference that is its own resolution scope, used as a type's base type.</summary>
    public static byte[] SelfScopedTypeReference() => Build((md, _) =>
    {
        var loop = md.AddTypeReference(MetadataTokens.TypeReferenceHandle(1), md.GetOrAddString("Hostile"), md.GetOrAddString("Loop"));
        md.AddTypeDefinition(TypeAttributes.Public | TypeAttributes.Class, md.GetOrAddString("Hostile"), md.GetOrAddString("Victim"),
            loop, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
    });

    /// <summary>A generic instantiation whose generic type is the instantiation itself, used as a field's type.</summary>
    public static byte[] SelfReferencingTypeSpecification() => Build((md, runtime) =>
    {
        var objectType = md.AddTypeReference(runtime, md.GetOrAddString("System"), md.GetOrAddString("Object"));
        // The encoders refuse a TypeSpec as a generic type, so the bytes are written by hand:
        // GENERICINST CLASS <TypeSpec row 1> 1 I4, and a field of type CLASS <TypeSpec row 1>.
        var selfToken = (byte)CodedIndex.TypeDefOrRefOrSpec(MetadataTokens.TypeSpecificationHandle(1));
        var spec = new BlobBuilder();
        spec.WriteBytes(new byte[] { 0x15, 0x12, selfToken, 0x01, 0x08 });
        md.AddTypeSpecification(md.GetOrAddBlob(spec));

        var field = new BlobBuilder();
        field.WriteBytes(new byte[] { 0x06, 0x12, selfToken });
        md.AddTypeDefinition(TypeAttributes.Public | TypeAttributes.Class, md.GetOrAddString("Hostile"), md.GetOrAddString("Victim"),
            objectType, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        md.AddFieldDefinition(FieldAttributes.Public, md.GetOrAddString("Field"), md.GetOrAddBlob(field));
    });

    /// <summary>A field whose type is an array of an array of … <paramref name="depth"/> levels deep.</summary>
    public static byte[] DeeplyNestedFieldType(int depth) => Build((md, runtime) =>
    {
        var objectType = md.AddTypeReference(runtime, md.GetOrAddString("System"), md.GetOrAddString("Object"));
        var field = new BlobBuilder();
        field.WriteByte(0x06); // FIELD
        field.WriteBytes(0x1D, depth); // SZARRAY, over and over
        field.WriteByte(0x08); // I4
        md.AddTypeDefinition(TypeAttributes.Public | TypeAttributes.Class, md.GetOrAddString("Hostile"), md.GetOrAddString("Victim"),
            objectType, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        md.AddFieldDefinition(FieldAttributes.Public, md.GetOrAddString("Field"), md.GetOrAddBlob(field));
    });

    private static byte[] Build(Action<MetadataBuilder, AssemblyReferenceHandle> addTypes)
    {
        var md = new MetadataBuilder();
        md.AddModule(0, md.GetOrAddString("Hostile.dll"), md.GetOrAddGuid(Guid.NewGuid()), default, default);
        md.AddAssembly(md.GetOrAddString("Hostile"), new Version(1, 0, 0, 0), default, default, 0, AssemblyHashAlgorithm.Sha1);
        var runtime = md.AddAssemblyReference(md.GetOrAddString("System.Runtime"), new Version(10, 0, 0, 0), default, default, 0, default);
        md.AddTypeDefinition(0, default, md.GetOrAddString("<Module>"), default,
            MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        addTypes(md, runtime);

        var image = new BlobBuilder();
        new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(md), new BlobBuilder()).Serialize(image);
        return image.ToArray();
    }
}
