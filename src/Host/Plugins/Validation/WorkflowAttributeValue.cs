using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Decodes the arguments of <c>[Workflow(name, MaxConcurrency = n)]</c> straight from the attribute blob, without
/// loading the assembly. The attribute has only string and int arguments, so enums and types never need resolving.
/// </summary>
internal sealed class WorkflowAttributeValue : ICustomAttributeTypeProvider<string>
{
    private static readonly WorkflowAttributeValue Provider = new();

    public static (string? Name, int MaxConcurrency) Decode(CustomAttribute attribute)
    {
        var value = attribute.DecodeValue(Provider);
        var name = value.FixedArguments is [{ Value: string n }] ? n : null;
        var maxConcurrency = value.NamedArguments
            .Where(a => a.Name == "MaxConcurrency" && a.Value is int)
            .Select(a => (int)a.Value!)
            .FirstOrDefault();
        return (name, maxConcurrency);
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => $"{elementType}[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        throw new BadImageFormatException("[Workflow] has no enum arguments.");

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        throw new BadImageFormatException("[Workflow] has no enum arguments.");

    public string GetTypeFromSerializedName(string name) => name;

    public PrimitiveTypeCode GetUnderlyingEnumType(string type) =>
        throw new BadImageFormatException("[Workflow] has no enum arguments.");

    public bool IsSystemType(string type) => type == "System.Type";
}
