using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Names places in tenant code the way their author wrote them: a lambda, iterator or async state machine lives in
/// a compiler-generated nested type (<c>&lt;RunAsync&gt;d__3</c>, <c>&lt;&gt;c</c>), and a problem found there is
/// reported on the type and method that contain it in source.
/// </summary>
internal static class SiteNames
{
    private const string CompilerHelperType = "<PrivateImplementationDetails>";

    public static string Type(MetadataReader md, TypeDefinitionHandle handle)
    {
        var source = handle;
        for (var depth = 1; IsGenerated(md, source) && md.GetTypeDefinition(source).GetDeclaringType() is { IsNil: false } outer; depth++)
        {
            MetadataLimits.EnsureDepth(depth);
            source = outer;
        }

        return MetadataNames.TypeDefinition(md, source).FullName;
    }

    public static string Method(MetadataReader md, TypeDefinitionHandle type, MethodDefinitionHandle handle)
    {
        var name = md.GetString(md.GetMethodDefinition(handle).Name);
        if (SourceName(name) is { } fromMethod)
        {
            return fromMethod;
        }

        // MoveNext of a state machine, or a lambda body in a closure class: the generated type names the method.
        var depth = 0;
        for (var current = type; IsGenerated(md, current); current = md.GetTypeDefinition(current).GetDeclaringType())
        {
            MetadataLimits.EnsureDepth(++depth);
            if (SourceName(md.GetString(md.GetTypeDefinition(current).Name)) is { } fromType)
            {
                return fromType;
            }
        }

        return name;
    }

    /// <summary>Whether the type is the compiler's own helper type (span and array initialisation helpers).</summary>
    public static bool IsCompilerHelper(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        return type.GetDeclaringType().IsNil && type.Namespace.IsNil
            && md.GetString(type.Name).StartsWith(CompilerHelperType, StringComparison.Ordinal);
    }

    private static bool IsGenerated(MetadataReader md, TypeDefinitionHandle handle) =>
        !handle.IsNil && md.GetString(md.GetTypeDefinition(handle).Name).StartsWith('<');

    /// <summary>"RunAsync" from "&lt;RunAsync&gt;b__3_0" or "&lt;RunAsync&gt;d__3"; null when there is no source name.</summary>
    private static string? SourceName(string generatedName)
    {
        if (!generatedName.StartsWith('<'))
        {
            return null;
        }

        var end = generatedName.IndexOf('>', StringComparison.Ordinal);
        return end > 1 ? generatedName[1..end] : null;
    }
}
