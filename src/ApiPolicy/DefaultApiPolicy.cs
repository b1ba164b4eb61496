using static Skein.Host.Plugins.Validation.UploadProblemCodes;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The allow-list tenant code is held to. It allows what workflow code needs — the base library, collections,
/// LINQ, text and JSON, tasks, the HttpClient a step is given, hashing — and denies what would reach past the tenant's own objects:
/// processes, the file system, sockets, native code, unsafe memory, code generation, assembly loading, reflection
/// that invokes, threads and timers that outlive a version, and process-wide state. Reasons finish the sentence
/// "… uses X — reason".
/// </summary>
internal static partial class DefaultApiPolicy
{
    private const string EndsProcess = "ending the host process is not allowed";
    private const string HostState = "reading or changing the host process's environment is not allowed";
    private const string Invokes = "invoking members through reflection is not allowed";
    private const string AccessChecks = "bypassing the runtime's access checks is not allowed";
    private const string Unsafe = "unsafe code is not allowed";
    private const string Native = "calling native code is not allowed";
    private const string Global = "changing process-wide defaults or registering process-wide hooks is not allowed";

    public static ApiPolicy Instance { get; } = Create();

    private static ApiPolicy Create()
    {
        var policy = new ApiPolicy();
        AddSystem(policy);
        AddCompilerSupport(policy);
        AddLibraries(policy);
        AddReflection(policy);
        AddInterop(policy);
        AddFilesAndNetwork(policy);
        AddThreading(policy);
        AddTimers(policy);
        AddDiagnostics(policy);
        return policy;
    }

    private static void AddSystem(ApiPolicy p)
    {
        p.AllowNamespace("System");
        p.Type("System.AppDomain").Deny(HostEnvironment,
            "the AppDomain exposes process-wide events (ProcessExit, AssemblyResolve) and assembly loading");
        // Reading is allowed: the regex source generator reads REGEX_DEFAULT_MATCH_TIMEOUT through GetData.
        p.Type("System.AppContext").AllowOnly(HostEnvironment, "changing the host's runtime configuration is not allowed",
            "get_BaseDirectory", "get_TargetFrameworkName", "TryGetSwitch", "GetData");
        p.Type("System.Environment")
            .DenyMember("Exit", ProcessControl, EndsProcess)
            .DenyMember("FailFast", ProcessControl, EndsProcess)
            .AllowOnly(HostEnvironment, HostState,
                "get_NewLine", "get_ProcessorCount", "get_TickCount", "get_TickCount64", "get_CurrentManagedThreadId",
                "get_Is64BitProcess", "get_Is64BitOperatingSystem", "get_Version", "get_StackTrace", "get_HasShutdownStarted");
        p.Type("System.Console").AllowOnly(HostEnvironment,
            "only Console.Write and Console.WriteLine are allowed (the console and its streams belong to the host)",
            "Write", "WriteLine");
        p.Type("System.GC").AllowOnly(HostEnvironment, "controlling the host's garbage collector is not allowed",
            "SuppressFinalize", "KeepAlive", "ReRegisterForFinalize");
        p.Type("System.Type")
            .DenyMember("GetType", Reflection, "looking types up by name is not allowed", s => s.HasParameters)
            .DenyMember("ReflectionOnlyGetType", Reflection, "looking types up by name is not allowed")
            .DenyMember("GetTypeFromProgID", Reflection, "looking types up by name is not allowed")
            .DenyMember("GetTypeFromCLSID", Reflection, "looking types up by name is not allowed")
            .DenyMember("InvokeMember", Reflection, Invokes);

        // CreateInstance<T>() and CreateInstance(Type) only run a public parameterless constructor; the other overloads
        // take a type name, or run non-public or argument-taking constructors of any type reflection can reach.
        p.Type("System.Activator")
            .DenyMember("CreateInstance", Reflection,
                "only Activator.CreateInstance<T>() and CreateInstance(Type) are allowed; the other overloads create "
                + "instances by type name or call arbitrary constructors",
                s => !(s.Parameters.Count == 0 || s.ParametersAre("System.Type")))
            .AllowOnly(Reflection, "creating instances by type name is not allowed", "CreateInstance");
        p.Type("System.Delegate").DenyMember("CreateDelegate", Reflection, "binding delegates to methods through reflection is not allowed");
        p.Type("System.Globalization.CultureInfo")
            .DenyMember("set_DefaultThreadCurrentCulture", HostEnvironment, Global)
            .DenyMember("set_DefaultThreadCurrentUICulture", HostEnvironment, Global);
        p.Type("System.Text.Encoding").DenyMember("RegisterProvider", HostEnvironment, Global);
        p.Type("System.RuntimeMethodHandle")
            .DenyMember("GetFunctionPointer", UnsafeCode, "taking raw function pointers is not allowed")
            .DenyMember("FromIntPtr", UnsafeCode, "forging runtime handles is not allowed");
        p.Type("System.RuntimeTypeHandle").DenyMember("FromIntPtr", UnsafeCode, "forging runtime handles is not allowed");
        p.Type("System.RuntimeFieldHandle").DenyMember("FromIntPtr", UnsafeCode, "forging runtime handles is not allowed");
    }

    /// <summary>Types the C# compiler emits references to for ordinary safe code, and their unsafe neighbours.</summary>
    private static void AddCompilerSupport(ApiPolicy p)
    {
        p.AllowNamespace("System.Runtime.CompilerServices");
        // Unbox is type-checked (System.Text.Json's source generator uses it for structs); the rest reinterprets memory.
        p.Type("System.Runtime.CompilerServices.Unsafe")
            .AllowOnly(UnsafeCode, "System.Runtime.CompilerServices.Unsafe bypasses type and memory safety", "Unbox")
            .AllowInCompilerHelpers("As", "AsRef", "Add");
        p.Type("System.Runtime.CompilerServices.RuntimeHelpers")
            .DenyMember("GetUninitializedObject", Reflection, "creating objects without running their constructors is not allowed")
            .AllowOnly(UnsafeCode, "only the RuntimeHelpers members the C# compiler emits for safe code are allowed",
                "InitializeArray", "CreateSpan", "GetSubArray", "IsReferenceOrContainsReferences",
                "EnsureSufficientExecutionStack", "TryEnsureSufficientExecutionStack", "GetHashCode", "Equals");
        p.Type("System.Runtime.CompilerServices.UnsafeAccessorAttribute").Deny(Reflection, AccessChecks);
        p.Type("System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute").Deny(Reflection, AccessChecks);
        p.Type("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute").Deny(Reflection, AccessChecks);
        p.Type("System.Runtime.CompilerServices.SkipLocalsInitAttribute").Deny(UnsafeCode, "skipping local initialisation exposes uninitialised memory");
        p.AllowNamespace("System.Runtime.Versioning");
        p.AllowTypes("System.Runtime.ExceptionServices", HostEnvironment,
            "only ExceptionDispatchInfo is allowed from System.Runtime.ExceptionServices (the rest hooks process-wide exception handling)",
            includeChildren: false, "ExceptionDispatchInfo");
        p.AllowTypes("System.Runtime.Serialization", ApiNotAllowed,
            "only the serialization attributes and interfaces of System.Runtime.Serialization are on the allow-list",
            includeChildren: false,
            "ISerializable", "SerializationInfo", "StreamingContext", "StreamingContextStates", "SerializationException",
            "IDeserializationCallback", "DataContractAttribute", "DataMemberAttribute", "IgnoreDataMemberAttribute",
            "EnumMemberAttribute", "CollectionDataContractAttribute", "KnownTypeAttribute", "OnDeserializedAttribute",
            "OnDeserializingAttribute", "OnSerializedAttribute", "OnSerializingAttribute");
        p.DenyNamespace("System.Runtime.Loader", AssemblyLoading, "loading assemblies is not allowed");
        p.AllowTypes("System.CodeDom.Compiler", CodeGeneration, "only GeneratedCodeAttribute is allowed from System.CodeDom.Compiler",
            includeChildren: false, "GeneratedCodeAttribute");
        p.AllowTypes("System.Resources", AssemblyLoading, "resource managers load satellite assemblies, which is not allowed",
            includeChildren: false, "NeutralResourcesLanguageAttribute", "SatelliteContractVersionAttribute");
        p.AllowTypes("System.Security", ApiNotAllowed, "only the security attributes and exceptions of System.Security are on the allow-list",
            includeChildren: false,
            "SecurityException", "VerificationException", "SecurityCriticalAttribute", "SecuritySafeCriticalAttribute",
            "SecurityTransparentAttribute", "SecurityRulesAttribute", "SecurityRuleSet", "AllowPartiallyTrustedCallersAttribute");
        p.Type("System.Security.UnverifiableCodeAttribute").Deny(UnsafeCode, "the assembly was compiled with unsafe code (AllowUnsafeBlocks)");
        p.Type("System.Security.SuppressUnmanagedCodeSecurityAttribute").Deny(NativeInterop, Native);
        p.DenyNamespace("System.Security.Permissions", UnsafeCode,
            "code-access security attributes are not allowed (the compiler adds SkipVerification for unsafe code)");
    }
}
