using System.Reflection;
using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Finds the marks unsafe code leaves that the allow-list cannot see as a reference: pointers and pinning in
/// signatures and locals, the <c>calli</c> instruction, explicit field layouts (which can overlay an object
/// reference with an integer), and a home-made <c>IgnoresAccessChecksToAttribute</c>, which the runtime honours
/// by name to switch off access checks.
/// </summary>
internal static class UnsafeCodeCheck
{
    private const string Reason = "unsafe code is not allowed";

    /// <summary>Overlaying plain numbers is only a reinterpretation; overlaying anything else can forge a reference.</summary>
    private static readonly HashSet<string> Primitives =
    [
        "System.Boolean", "System.Char", "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32",
        "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double", "System.IntPtr", "System.UIntPtr",
    ];

    public static void Run(UploadedAssembly assembly, IReadOnlyList<UsageSite> sites, ProblemList problems)
    {
        foreach (var site in sites)
        {
            var where = site.Describe(assembly.Path);
            if (site.UsesUnsafeSignatures)
            {
                var what = site.Uses.UsesFunctionPointers ? "function pointers" : site.Uses.UsesPointers ? "pointer types" : "pinned locals (fixed)";
                problems.Add(UploadProblemCodes.UnsafeCode, assembly.Path, $"{where} uses {what} — {Reason}.", site.Type, site.Member, what);
            }

            if (site.UsesCalli)
            {
                problems.Add(UploadProblemCodes.UnsafeCode, assembly.Path,
                    $"{where} uses the calli instruction (an indirect call through a function pointer) — {Reason}.",
                    site.Type, site.Member, "calli");
            }
        }

        var md = assembly.Metadata;
        foreach (var handle in md.TypeDefinitions)
        {
            var definition = md.GetTypeDefinition(handle);
            var type = MetadataNames.TypeDefinition(md, handle);
            if ((definition.Attributes & TypeAttributes.LayoutMask) == TypeAttributes.ExplicitLayout
                && HasNonPrimitiveInstanceField(md, definition))
            {
                problems.Add(UploadProblemCodes.UnsafeCode, assembly.Path,
                    $"{assembly.Path}: type {type.FullName} has an explicit field layout with non-primitive fields, which can "
                    + $"overlay references — {Reason}.",
                    type.FullName, api: "StructLayout(LayoutKind.Explicit)");
            }

            if (type.FullName == "System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute")
            {
                problems.Add(UploadProblemCodes.Reflection, assembly.Path,
                    $"{assembly.Path}: declares {type.FullName} — bypassing the runtime's access checks is not allowed.",
                    type.FullName, api: type.FullName);
            }
        }
    }

    /// <remarks>
    /// The compiler's own explicit-layout types (<c>__StaticArrayInitTypeSize=N</c>, the storage of array and UTF-8
    /// literals) have no fields at all.
    /// </remarks>
    private static bool HasNonPrimitiveInstanceField(MetadataReader md, TypeDefinition type) =>
        type.GetFields().Select(md.GetFieldDefinition)
            .Where(f => (f.Attributes & FieldAttributes.Static) == 0)
            .Any(f => !Primitives.Contains(f.DecodeSignature(new SignatureCollector(md), null)));
}
