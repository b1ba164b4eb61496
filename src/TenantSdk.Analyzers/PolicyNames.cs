using System.Text;
using Microsoft.CodeAnalysis;
using Skein.Host.Plugins.Validation;

namespace Skein.TenantSdk.Analyzers;

/// <summary>
/// Names Roslyn symbols the way the upload scan names metadata (<c>System.Buffers.ArrayPool`1</c>, <c>Outer+Inner</c>,
/// <c>get_Shared</c>, parameters as <c>System.String</c> or <c>!!0</c>), so the shared policy gives the same verdict.
/// </summary>
internal static class PolicyNames
{
    public static ApiTypeName TypeName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var outermost = type;
        while (outermost.ContainingType is not null)
        {
            outermost = outermost.ContainingType;
        }

        var ns = outermost.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new ApiTypeName(ns, name);
    }

    public static string FullName(INamedTypeSymbol type) => TypeName(type.OriginalDefinition).FullName;

    /// <summary>The member as a metadata reference names it: the declaration an override goes back to, uninstantiated.</summary>
    public static IMethodSymbol Referenced(IMethodSymbol method)
    {
        var current = method.ReducedFrom ?? method;
        while (current.OverriddenMethod is { } overridden)
        {
            current = overridden;
        }

        return current.OriginalDefinition;
    }

    public static MemberShape Shape(IMethodSymbol method)
    {
        var referenced = Referenced(method);
        var parameters = referenced.Parameters
            .Select(p => Signature(p.Type) + (p.RefKind == RefKind.None ? "" : "&"))
            .ToList();
        return new MemberShape(parameters, referenced.TypeParameters.Length);
    }

    private static string Signature(ITypeSymbol type) =>
        type switch
        {
            ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } m => "!!" + m.Ordinal,
            ITypeParameterSymbol t => "!" + (t.Ordinal + OuterArity(t.DeclaringType)),
            IArrayTypeSymbol array => Signature(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]",
            IPointerTypeSymbol pointer => Signature(pointer.PointedAtType) + "*",
            INamedTypeSymbol { IsGenericType: true } generic when !generic.IsUnboundGenericType =>
                Generic(generic),
            INamedTypeSymbol named => TypeName(named).FullName,
            _ => type.ToDisplayString(),
        };

    private static string Generic(INamedTypeSymbol generic)
    {
        var text = new StringBuilder(TypeName(generic.OriginalDefinition).FullName).Append('<');
        text.Append(string.Join(", ", generic.TypeArguments.Select(Signature)));
        return text.Append('>').ToString();
    }

    private static int OuterArity(INamedTypeSymbol? declaring)
    {
        var arity = 0;
        for (var outer = declaring?.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            arity += outer.Arity;
        }

        return arity;
    }
}
