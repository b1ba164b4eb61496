using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Decodes signatures into readable type names and, on the way, records every type reference they mention and
/// whether they use pointers, function pointers or pinning — the marks unsafe code leaves in metadata.
/// One instance gathers everything one method or type uses.
/// </summary>
internal sealed class SignatureCollector(MetadataReader md) : ISignatureTypeProvider<string, object?>
{
    private int _specificationDepth;

    public HashSet<TypeReferenceHandle> Types { get; } = [];

    public bool UsesPointers { get; set; }

    public bool UsesFunctionPointers { get; set; }

    public bool Pins { get; set; }

    public void AddType(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                AddReference((TypeReferenceHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                GetTypeFromSpecification(md, null, (TypeSpecificationHandle)handle, 0);
                break;
        }
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        AddReference(handle);
        return MetadataNames.TypeReference(reader, handle).FullName;
    }

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        MetadataNames.TypeDefinition(reader, handle).FullName;

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle,
        byte rawTypeKind)
    {
        // A type specification may name another, or itself: follow the chain only so far.
        MetadataLimits.EnsureDepth(++_specificationDepth);
        try
        {
            return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }
        finally
        {
            _specificationDepth--;
        }
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => $"System.{typeCode}";

    public string GetSZArrayType(string elementType) => $"{elementType}[]";

    public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{new string(',', shape.Rank - 1)}]";

    public string GetByReferenceType(string elementType) => $"{elementType}&";

    public string GetPointerType(string elementType)
    {
        UsesPointers = true;
        return $"{elementType}*";
    }

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        UsesFunctionPointers = true;
        return $"delegate*<{string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType))}>";
    }

    public string GetPinnedType(string elementType)
    {
        Pins = true;
        return elementType;
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        $"{genericType}<{string.Join(", ", typeArguments)}>";

    public string GetGenericMethodParameter(object? genericContext, int index) => $"!!{index}";

    public string GetGenericTypeParameter(object? genericContext, int index) => $"!{index}";

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    private void AddReference(TypeReferenceHandle handle)
    {
        // A nested reference names its enclosing type too, and a rule on the enclosing type covers it.
        while (Types.Add(handle) && md.GetTypeReference(handle).ResolutionScope is { Kind: HandleKind.TypeReference } outer)
        {
            handle = (TypeReferenceHandle)outer;
        }
    }
}
