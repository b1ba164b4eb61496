using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Finds the ways an assembly declares native code of its own: P/Invoke methods (<c>DllImport</c>, and
/// <c>LibraryImport</c>, which generates one), references to native modules, and methods the runtime or native
/// code implements.
/// </summary>
internal static class NativeCodeCheck
{
    private const string Reason = "calling native code is not allowed";

    public static void Run(UploadedAssembly assembly, ProblemList problems)
    {
        var md = assembly.Metadata;
        var usedModules = new HashSet<ModuleReferenceHandle>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            foreach (var handle in md.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = md.GetMethodDefinition(handle);
                var type = SiteNames.Type(md, typeHandle);
                var name = SiteNames.Method(md, typeHandle, handle);
                var where = $"{assembly.Path}: type {type} (method {name})";
                if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                {
                    var import = method.GetImport();
                    usedModules.Add(import.Module);
                    var target = $"{ModuleName(md, import.Module)}!{md.GetString(import.Name)}";
                    problems.Add(UploadProblemCodes.NativeInterop, assembly.Path,
                        $"{where} is a P/Invoke into {target} — {Reason}.", type, name, target);
                }
                else if (IsNativeImplementation(method.ImplAttributes))
                {
                    problems.Add(UploadProblemCodes.NativeInterop, assembly.Path,
                        $"{where} is implemented by native code or the runtime ({method.ImplAttributes}) — {Reason}.", type, name);
                }
            }
        }

        for (var row = 1; row <= md.GetTableRowCount(TableIndex.ModuleRef); row++)
        {
            var handle = MetadataTokens.ModuleReferenceHandle(row);
            if (!usedModules.Contains(handle))
            {
                var module = ModuleName(md, handle);
                problems.Add(UploadProblemCodes.NativeInterop, assembly.Path,
                    $"{assembly.Path} references the native module {module} — {Reason}.", api: module);
            }
        }
    }

    private static bool IsNativeImplementation(MethodImplAttributes attributes) =>
        (attributes & MethodImplAttributes.InternalCall) != 0
        || (attributes & MethodImplAttributes.CodeTypeMask) == MethodImplAttributes.Native
        || (attributes & MethodImplAttributes.Unmanaged) != 0;

    private static string ModuleName(MetadataReader md, ModuleReferenceHandle handle) =>
        handle.IsNil ? "(no module)" : md.GetString(md.GetModuleReference(handle).Name);
}
