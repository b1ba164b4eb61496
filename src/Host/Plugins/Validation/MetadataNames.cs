using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>Names of types and attributes read from raw metadata, in the form problems and the allow-list use.</summary>
internal static class MetadataNames
{
    public static ApiTypeName TypeReference(MetadataReader md, TypeReferenceHandle handle, int depth = 0)
    {
        MetadataLimits.EnsureDepth(depth);
        var type = md.GetTypeReference(handle);
        var name = md.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            var outer = TypeReference(md, (TypeReferenceHandle)type.ResolutionScope, depth + 1);
            return outer with { Name = $"{outer.Name}+{name}" };
        }

        return new ApiTypeName(md.GetString(type.Namespace), name);
    }

    /// <summary>Where a type reference points: an assembly reference, this module, a module reference, or nil.</summary>
    public static EntityHandle OutermostScope(MetadataReader md, TypeReferenceHandle handle)
    {
        var scope = md.GetTypeReference(handle).ResolutionScope;
        for (var depth = 1; scope.Kind == HandleKind.TypeReference; depth++)
        {
            MetadataLimits.EnsureDepth(depth);
            scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope;
    }

    public static ApiTypeName TypeDefinition(MetadataReader md, TypeDefinitionHandle handle, int depth = 0)
    {
        MetadataLimits.EnsureDepth(depth);
        var type = md.GetTypeDefinition(handle);
        var name = md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            var outer = TypeDefinition(md, declaring, depth + 1);
            return outer with { Name = $"{outer.Name}+{name}" };
        }

        return new ApiTypeName(md.GetString(type.Namespace), name);
    }

    /// <summary>The attribute's type, or null when its constructor is not a plain method of a named type.</summary>
    public static ApiTypeName? AttributeType(MetadataReader md, CustomAttribute attribute) =>
        AttributeTypeHandle(md, attribute) switch
        {
            { Kind: HandleKind.TypeReference } h => TypeReference(md, (TypeReferenceHandle)h),
            { Kind: HandleKind.TypeDefinition } h => TypeDefinition(md, (TypeDefinitionHandle)h),
            _ => null,
        };

    /// <summary>The type reference or definition that declares the attribute's constructor.</summary>
    public static EntityHandle AttributeTypeHandle(MetadataReader md, CustomAttribute attribute) =>
        attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };

    /// <summary>The assembly reference name a type reference resolves through, or null when it is not one.</summary>
    public static string? AssemblyReferenceName(MetadataReader md, TypeReferenceHandle handle) =>
        OutermostScope(md, handle) is { Kind: HandleKind.AssemblyReference } scope
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;

    /// <summary>
    /// The named type a <c>TypeSpec</c> stands for: the generic type it instantiates (<c>List`1</c> for
    /// <c>List&lt;int&gt;</c>), or the type it merely wraps; nil for arrays, pointers and generic parameters.
    /// </summary>
    public static EntityHandle NamedTypeOf(MetadataReader md, TypeSpecificationHandle handle)
    {
        var blob = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
        var code = blob.ReadSignatureTypeCode();
        if (code == SignatureTypeCode.GenericTypeInstance)
        {
            code = blob.ReadSignatureTypeCode();
        }

        return code == SignatureTypeCode.TypeHandle ? blob.ReadTypeHandle() : default;
    }
}
