using System.Reflection;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Finds the <c>[Workflow]</c> types of an upload from metadata alone and checks what the engine will need of
/// them: a valid, unique name, <c>Workflow&lt;TParams, TResult&gt;</c> as the direct base type, and a public
/// parameterless constructor on a concrete, non-generic class. All of them must live in one assembly, which
/// becomes the entry assembly the loader opens.
/// </summary>
internal static partial class WorkflowDiscovery
{
    public static (UploadedAssembly Entry, List<DiscoveredWorkflow> Workflows)? Run(IReadOnlyList<UploadedAssembly> assemblies,
        string uploadName, ProblemList problems)
    {
        var found = new List<(UploadedAssembly Assembly, List<DiscoveredWorkflow> Workflows)>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            var workflows = new List<DiscoveredWorkflow>();
            foreach (var handle in assembly.Metadata.TypeDefinitions)
            {
                if (Inspect(assembly, handle, problems) is { } workflow)
                {
                    workflows.Add(workflow);
                    var owner = $"{assembly.Path}: {workflow.TypeFullName}";
                    if (!owners.TryAdd(workflow.Name, owner))
                    {
                        problems.Add(UploadProblemCodes.WorkflowNameDuplicate, assembly.Path,
                            $"{owner} is named \"{workflow.Name}\", like {owners[workflow.Name]}; workflow names must be unique.",
                            workflow.TypeFullName, api: workflow.Name);
                    }
                }
            }

            if (workflows.Count > 0)
            {
                found.Add((assembly, workflows));
            }
        }

        if (found.Count == 0)
        {
            if (assemblies.Count > 0)
            {
                problems.Add(UploadProblemCodes.NoWorkflow, uploadName,
                    $"{uploadName}: no type marked [Workflow] (Skein.TenantSdk.WorkflowAttribute) was found in "
                    + $"{string.Join(", ", assemblies.Select(a => a.Path))}.");
            }

            return null;
        }

        if (found.Count > 1)
        {
            problems.Add(UploadProblemCodes.WorkflowsInSeveralAssemblies, uploadName,
                $"{uploadName}: workflows are declared in {string.Join(" and ", found.Select(f => f.Assembly.Path))}; "
                + "put them in one assembly.");
        }

        return found[0];
    }

    private static DiscoveredWorkflow? Inspect(UploadedAssembly assembly, TypeDefinitionHandle handle, ProblemList problems)
    {
        var md = assembly.Metadata;
        var type = md.GetTypeDefinition(handle);
        if (FindWorkflowAttribute(md, type) is not { } workflowAttribute)
        {
            return null;
        }

        var typeName = MetadataNames.TypeDefinition(md, handle).FullName;
        var where = $"{assembly.Path}: type {typeName}";
        string? name;
        int maxConcurrency;
        try
        {
            (name, maxConcurrency) = WorkflowAttributeValue.Decode(workflowAttribute);
        }
        catch (BadImageFormatException e)
        {
            problems.Add(UploadProblemCodes.WorkflowAttributeUnreadable, assembly.Path,
                $"{where} has a [Workflow] attribute that cannot be read: {e.Message}", typeName);
            return null;
        }

        var valid = true;
        if (name is null || !NamePattern().IsMatch(name))
        {
            valid = false;
            problems.Add(UploadProblemCodes.WorkflowNameInvalid, assembly.Path,
                $"{where} has the workflow name \"{name}\"; names are 1–64 characters of a–z, A–Z, 0–9, '_' and '-'.",
                typeName, api: name);
        }

        if (!DerivesFromWorkflow(md, type))
        {
            valid = false;
            problems.Add(UploadProblemCodes.WorkflowBaseType, assembly.Path,
                $"{where} is marked [Workflow] but does not derive directly from Skein.TenantSdk.Workflow<TParams, TResult>.",
                typeName);
        }

        if (WhyNotConstructible(md, type) is { } reason)
        {
            valid = false;
            problems.Add(UploadProblemCodes.WorkflowNotConstructible, assembly.Path,
                $"{where} is marked [Workflow] but {reason}; the engine creates one per run.", typeName);
        }

        return valid ? new DiscoveredWorkflow(name!, typeName, maxConcurrency) : null;
    }

    private static CustomAttribute? FindWorkflowAttribute(MetadataReader md, TypeDefinition type)
    {
        foreach (var handle in type.GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (IsSdkType(md, MetadataNames.AttributeTypeHandle(md, attribute), "WorkflowAttribute"))
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool DerivesFromWorkflow(MetadataReader md, TypeDefinition type) =>
        type.BaseType.Kind == HandleKind.TypeSpecification
        && IsSdkType(md, MetadataNames.NamedTypeOf(md, (TypeSpecificationHandle)type.BaseType), "Workflow`2");

    private static string? WhyNotConstructible(MetadataReader md, TypeDefinition type)
    {
        if ((type.Attributes & TypeAttributes.Abstract) != 0)
        {
            return "is abstract";
        }

        if (type.GetGenericParameters().Count > 0)
        {
            return "is generic";
        }

        var hasDefaultConstructor = type.GetMethods().Select(md.GetMethodDefinition).Any(m =>
            md.GetString(m.Name) == ".ctor"
            && (m.Attributes & (MethodAttributes.Static | MethodAttributes.MemberAccessMask)) == MethodAttributes.Public
            && md.GetBlobReader(m.Signature) is var signature
            && signature.ReadSignatureHeader().IsInstance
            && signature.ReadCompressedInteger() == 0);
        return hasDefaultConstructor ? null : "has no public parameterless constructor";
    }

    /// <summary>Whether the handle is a reference to a type of the real SDK (not a look-alike defined in the upload).</summary>
    private static bool IsSdkType(MetadataReader md, EntityHandle handle, string name)
    {
        if (handle.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var reference = (TypeReferenceHandle)handle;
        var type = MetadataNames.TypeReference(md, reference);
        return type.Namespace == HostAssemblies.SdkName && type.Name == name
            && MetadataNames.AssemblyReferenceName(md, reference) == HostAssemblies.SdkName;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
