using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Builds the <see cref="UsageSite"/>s of one assembly: every method (signature, attributes, IL tokens, locals,
/// catch clauses), every type's declarations (base type, interfaces, constraints, fields, properties, events,
/// attributes), and the assembly's own attributes.
/// </summary>
internal sealed class UsageSiteCollector(PEReader pe, MetadataReader md)
{
    private readonly Dictionary<MemberReferenceHandle, SignatureCollector> _memberSignatures = [];

    /// <exception cref="BadImageFormatException">The metadata or IL is malformed.</exception>
    public List<UsageSite> Collect()
    {
        var sites = new List<UsageSite>();
        var assembly = new UsageSite(md, null, null, isCompilerHelper: false);
        AddAttributes(assembly, md.GetAssemblyDefinition().GetCustomAttributes());
        AddAttributes(assembly, md.GetModuleDefinition().GetCustomAttributes());
        sites.Add(assembly);

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var site = new UsageSite(md, SiteNames.Type(md, handle), null, SiteNames.IsCompilerHelper(md, handle));
            AddDeclarations(site, type);
            sites.Add(site);
            foreach (var method in type.GetMethods())
            {
                sites.Add(CollectMethod(handle, method));
            }
        }

        return sites;
    }

    private void AddDeclarations(UsageSite site, TypeDefinition type)
    {
        site.Uses.AddType(type.BaseType);
        foreach (var handle in type.GetInterfaceImplementations())
        {
            var implementation = md.GetInterfaceImplementation(handle);
            site.Uses.AddType(implementation.Interface);
            AddAttributes(site, implementation.GetCustomAttributes());
        }

        AddGenericParameters(site, type.GetGenericParameters());
        AddAttributes(site, type.GetCustomAttributes());
        foreach (var handle in type.GetFields())
        {
            var field = md.GetFieldDefinition(handle);
            field.DecodeSignature(site.Uses, null);
            AddAttributes(site, field.GetCustomAttributes());
        }

        foreach (var handle in type.GetProperties())
        {
            var property = md.GetPropertyDefinition(handle);
            property.DecodeSignature(site.Uses, null);
            AddAttributes(site, property.GetCustomAttributes());
        }

        foreach (var handle in type.GetEvents())
        {
            var @event = md.GetEventDefinition(handle);
            site.Uses.AddType(@event.Type);
            AddAttributes(site, @event.GetCustomAttributes());
        }
    }

    private UsageSite CollectMethod(TypeDefinitionHandle type, MethodDefinitionHandle handle)
    {
        var method = md.GetMethodDefinition(handle);
        var site = new UsageSite(md, SiteNames.Type(md, type), SiteNames.Method(md, type, handle), SiteNames.IsCompilerHelper(md, type));
        method.DecodeSignature(site.Uses, null);
        AddAttributes(site, method.GetCustomAttributes());
        AddGenericParameters(site, method.GetGenericParameters());
        foreach (var parameter in method.GetParameters())
        {
            AddAttributes(site, md.GetParameter(parameter).GetCustomAttributes());
        }

        if (method.RelativeVirtualAddress != 0)
        {
            AddBody(site, pe.GetMethodBody(method.RelativeVirtualAddress));
        }

        return site;
    }

    private void AddBody(UsageSite site, MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(site.Uses, null);
        }

        foreach (var region in body.ExceptionRegions)
        {
            site.Uses.AddType(region.CatchType);
        }

        foreach (var (opCode, token) in ILInstructions.WithTokens(body))
        {
            if (opCode == ILInstructions.Calli)
            {
                site.UsesCalli = true;
                continue;
            }

            AddToken(site, MetadataTokens.EntityHandle(token));
        }
    }

    private void AddToken(UsageSite site, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MemberReference:
                AddMember(site, (MemberReferenceHandle)handle);
                break;
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                spec.DecodeSignature(site.Uses, null);
                AddToken(site, spec.Method);
                break;
            case HandleKind.TypeReference or HandleKind.TypeSpecification:
                site.Uses.AddType(handle);
                break;
        }
    }

    private void AddMember(UsageSite site, MemberReferenceHandle handle)
    {
        site.Members.Add(handle);
        var signature = MemberSignature(handle);
        site.Uses.Types.UnionWith(signature.Types);
        site.Uses.UsesPointers |= signature.UsesPointers;
        site.Uses.UsesFunctionPointers |= signature.UsesFunctionPointers;
    }

    /// <summary>What a referenced member's parent and signature mention, decoded once per member.</summary>
    private SignatureCollector MemberSignature(MemberReferenceHandle handle)
    {
        if (_memberSignatures.TryGetValue(handle, out var known))
        {
            return known;
        }

        var member = md.GetMemberReference(handle);
        var collector = new SignatureCollector(md);
        collector.AddType(member.Parent);
        if (member.GetKind() == MemberReferenceKind.Method)
        {
            member.DecodeMethodSignature(collector, null);
        }
        else
        {
            member.DecodeFieldSignature(collector, null);
        }

        // "abc"u8 and stackalloc into a Span compile to new Span<T>(void*, int) in safe code.
        if (IsSpanConstructor(member))
        {
            collector.UsesPointers = false;
        }

        _memberSignatures[handle] = collector;
        return collector;
    }

    private bool IsSpanConstructor(MemberReference member)
    {
        if (md.GetString(member.Name) != ".ctor" || member.Parent.Kind != HandleKind.TypeSpecification)
        {
            return false;
        }

        var generic = MetadataNames.NamedTypeOf(md, (TypeSpecificationHandle)member.Parent);
        return generic.Kind == HandleKind.TypeReference
            && MetadataNames.TypeReference(md, (TypeReferenceHandle)generic).FullName is "System.Span`1" or "System.ReadOnlySpan`1";
    }

    private void AddAttributes(UsageSite site, CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            AddToken(site, md.GetCustomAttribute(handle).Constructor);
        }
    }

    private void AddGenericParameters(UsageSite site, GenericParameterHandleCollection parameters)
    {
        foreach (var handle in parameters)
        {
            var parameter = md.GetGenericParameter(handle);
            AddAttributes(site, parameter.GetCustomAttributes());
            foreach (var constraint in parameter.GetConstraints())
            {
                site.Uses.AddType(md.GetGenericParameterConstraint(constraint).Type);
            }
        }
    }
}
