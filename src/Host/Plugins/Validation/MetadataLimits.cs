using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Bounds that keep hostile metadata from taking the host down. System.Reflection.Metadata decodes signatures
/// recursively, and type names, nesting and type specifications can be made to refer to themselves; without a
/// bound a crafted upload would overflow the stack (which no catch survives) or loop forever. Exceeding a bound is
/// reported as malformed metadata.
/// </summary>
internal static class MetadataLimits
{
    /// <summary>Real signatures are tens of bytes; this keeps the decoder's recursion far from the stack's end.</summary>
    public const int MaxSignatureBytes = 2048;

    /// <summary>Deepest chain of enclosing types, resolution scopes or type specifications followed.</summary>
    public const int MaxDepth = 64;

    /// <summary>Throws when a chain has grown past <see cref="MaxDepth"/>.</summary>
    /// <exception cref="BadImageFormatException">The chain is too deep, or loops.</exception>
    public static void EnsureDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new BadImageFormatException($"Type nesting or references deeper than {MaxDepth} levels (or circular).");
        }
    }

    /// <summary>Checks every signature blob before anything decodes one.</summary>
    /// <exception cref="BadImageFormatException">A signature is larger than <see cref="MaxSignatureBytes"/>.</exception>
    public static void EnsureSignaturesBounded(MetadataReader md)
    {
        var blobs = Rows(md, TableIndex.TypeSpec).Select(r => md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(r)).Signature)
            .Concat(md.MemberReferences.Select(h => md.GetMemberReference(h).Signature))
            .Concat(md.MethodDefinitions.Select(h => md.GetMethodDefinition(h).Signature))
            .Concat(md.FieldDefinitions.Select(h => md.GetFieldDefinition(h).Signature))
            .Concat(md.PropertyDefinitions.Select(h => md.GetPropertyDefinition(h).Signature))
            .Concat(Rows(md, TableIndex.StandAloneSig).Select(r => md.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(r)).Signature))
            .Concat(Rows(md, TableIndex.MethodSpec).Select(r => md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(r)).Signature));
        foreach (var blob in blobs)
        {
            if (md.GetBlobReader(blob).Length > MaxSignatureBytes)
            {
                throw new BadImageFormatException($"A signature is larger than {MaxSignatureBytes} bytes.");
            }
        }
    }

    private static IEnumerable<int> Rows(MetadataReader md, TableIndex table) => Enumerable.Range(1, md.GetTableRowCount(table));
}
