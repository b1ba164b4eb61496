using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Holds one assembly to the allow-list. Every entry of the TypeRef and MemberRef tables is judged — nothing the
/// assembly references escapes the list — and each denial is then reported at the methods and types that use it,
/// or on the assembly when no place in it does (an attribute, an unused reference).
/// </summary>
internal sealed class AssemblyApiScanner(UploadedAssembly assembly, ApiPolicy policy, UploadCatalog catalog, ProblemList problems)
{
    private readonly MetadataReader _md = assembly.Metadata;

    public void Scan(IReadOnlyList<UsageSite> sites)
    {
        var deniedTypes = JudgeTypes();
        var deniedMembers = JudgeMembers();
        var attributed = new HashSet<EntityHandle>();
        foreach (var site in sites)
        {
            ReportSite(site, deniedTypes, deniedMembers, attributed);
        }

        // What no place uses (an attribute's own references, a leftover reference) is still reported, on the
        // assembly; a member of a type that is itself denied goes with the type's report.
        var unattributed = deniedTypes.Select(p => ((EntityHandle)p.Key, p.Value))
            .Concat(deniedMembers.Where(p => !deniedTypes.ContainsKey(p.Value.Type)).Select(p => ((EntityHandle)p.Key, p.Value)));
        foreach (var (handle, denied) in unattributed)
        {
            if (!attributed.Contains(handle))
            {
                Report(assembly.Path, null, null, denied, $"references {denied.Api}");
            }
        }

        ReportForwarders();
    }

    /// <summary>A type forwarder hands out a framework type under this assembly's name; it is judged like a reference.</summary>
    private void ReportForwarders()
    {
        foreach (var handle in _md.ExportedTypes)
        {
            var exported = _md.GetExportedType(handle);
            if (!exported.IsForwarder || exported.Implementation.Kind != HandleKind.AssemblyReference)
            {
                continue;
            }

            var type = new ApiTypeName(_md.GetString(exported.Namespace), _md.GetString(exported.Name));
            var target = _md.GetString(_md.GetAssemblyReference((AssemblyReferenceHandle)exported.Implementation).Name);
            if (!catalog.Defines(target, type) && policy.CheckType(type) is { IsAllowed: false } verdict)
            {
                var forwarded = new DeniedReference(type.FullName, $"forwards {type.FullName}", verdict, default);
                Report(assembly.Path, null, null, forwarded, forwarded.Verb);
            }
        }
    }

    private Dictionary<TypeReferenceHandle, DeniedReference> JudgeTypes()
    {
        var denied = new Dictionary<TypeReferenceHandle, DeniedReference>();
        foreach (var handle in _md.TypeReferences)
        {
            if (ExternalType(handle) is { } type && policy.CheckType(type) is { IsAllowed: false } verdict)
            {
                denied[handle] = new DeniedReference(type.FullName, $"uses {type.FullName}", verdict, handle);
            }
        }

        return denied;
    }

    private Dictionary<MemberReferenceHandle, DeniedReference> JudgeMembers()
    {
        var denied = new Dictionary<MemberReferenceHandle, DeniedReference>();
        foreach (var handle in _md.MemberReferences)
        {
            var member = _md.GetMemberReference(handle);
            var parent = member.Parent.Kind == HandleKind.TypeSpecification
                ? MetadataNames.NamedTypeOf(_md, (TypeSpecificationHandle)member.Parent)
                : member.Parent;
            if (parent.Kind != HandleKind.TypeReference || ExternalType((TypeReferenceHandle)parent) is not { } type)
            {
                continue;
            }

            var name = _md.GetString(member.Name);
            var isMethod = member.GetKind() == MemberReferenceKind.Method;
            var shape = isMethod ? Shape(member) : MemberShape.Field;
            if (policy.CheckMember(type, name, shape) is { IsAllowed: false } verdict)
            {
                var api = $"{type.FullName}.{name}";
                var verb = (isMethod, name) switch
                {
                    (false, _) => $"uses {api}",
                    (true, ".ctor") when type.Name.EndsWith("Attribute", StringComparison.Ordinal) => $"applies {type.FullName}",
                    (true, ".ctor") => $"creates {type.FullName}",
                    _ => $"calls {api}",
                };
                denied[handle] = new DeniedReference(api, verb, verdict, (TypeReferenceHandle)parent);
            }
        }

        return denied;
    }

    /// <summary>A type reference the allow-list judges: one that does not resolve to this upload's own code.</summary>
    private ApiTypeName? ExternalType(TypeReferenceHandle handle)
    {
        var scope = MetadataNames.OutermostScope(_md, handle);
        if (scope.Kind != HandleKind.AssemblyReference)
        {
            // This module (or the nil scope of an exported type), or a module reference reported as native code.
            return null;
        }

        var type = MetadataNames.TypeReference(_md, handle);
        var target = _md.GetString(_md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
        // A type of an assembly nothing provides is reported once, as the missing assembly (MissingAssemblyCheck);
        // the upload is refused for it, so nothing escapes the list.
        return catalog.Defines(target, type) || catalog.IsMissing(target) ? null : type;
    }

    private MemberShape Shape(MemberReference member)
    {
        var signature = member.DecodeMethodSignature(new SignatureCollector(_md), null);
        return new MemberShape(signature.ParameterTypes, signature.GenericParameterCount);
    }

    private void ReportSite(UsageSite site, Dictionary<TypeReferenceHandle, DeniedReference> deniedTypes,
        Dictionary<MemberReferenceHandle, DeniedReference> deniedMembers, HashSet<EntityHandle> attributed)
    {
        var covered = new HashSet<TypeReferenceHandle>();
        foreach (var handle in site.Members)
        {
            if (deniedMembers.TryGetValue(handle, out var denied))
            {
                attributed.Add(handle);
                covered.Add(denied.Type);
                ReportAt(site, denied);
            }
        }

        foreach (var handle in site.Uses.Types)
        {
            if (deniedTypes.TryGetValue(handle, out var denied))
            {
                attributed.Add(handle);
                if (!covered.Contains(handle))
                {
                    ReportAt(site, denied);
                }
            }
        }
    }

    private void ReportAt(UsageSite site, DeniedReference denied)
    {
        if (!(site.IsCompilerHelper && denied.Verdict.AllowedInCompilerHelpers))
        {
            Report(site.Describe(assembly.Path), site.Type, site.Member, denied, denied.Verb);
        }
    }

    private void Report(string where, string? type, string? member, DeniedReference denied, string verb) =>
        problems.Add(denied.Verdict.Code!, assembly.Path, $"{where} {verb} — {denied.Verdict.Reason}.", type, member, denied.Api);
}
