using static Skein.Host.Plugins.Validation.UploadProblemCodes;

namespace Skein.Host.Plugins.Validation;

internal static partial class DefaultApiPolicy
{
    private const string SharedPool =
        "the process-wide pool hands out buffers that held other tenants' data; use ArrayPool<T>.Create() or new arrays";

    private static void AddLibraries(ApiPolicy p)
    {
        p.AllowNamespace("Skein.TenantSdk", includeChildren: true);
        p.AllowNamespace("System.Buffers", includeChildren: true);
        p.Type("System.Buffers.ArrayPool`1").DenyMember("get_Shared", HostEnvironment, SharedPool);
        p.Type("System.Buffers.MemoryPool`1").DenyMember("get_Shared", HostEnvironment, SharedPool);
        p.AllowNamespace("System.Collections", includeChildren: true);
        p.AllowNamespace("System.Globalization");
        p.AllowNamespace("System.Linq");
        p.DenyNamespace("System.Linq.Expressions", CodeGeneration,
            "expression trees compile code at run time and reach members by name, which is not allowed");
        p.AllowNamespace("System.Numerics", includeChildren: true);
        p.AllowNamespace("System.Text", includeChildren: true);
        p.AllowTypes("System.Web", ApiNotAllowed, "only HttpUtility is allowed from System.Web", includeChildren: false, "HttpUtility");
        p.DenyNamespace("Microsoft.CSharp.RuntimeBinder", Reflection, "dynamic binding invokes members by name, which is not allowed");
        p.DenyNamespace("Microsoft.Win32", HostEnvironment, "the registry and system events belong to the host", includeChildren: false);

        p.AllowTypes("System.ComponentModel", ApiNotAllowed,
            "only the attributes and change notifications of System.ComponentModel are on the allow-list "
            + "(TypeDescriptor and friends reflect over types and keep them alive)",
            includeChildren: false,
            "EditorBrowsableAttribute", "EditorBrowsableState", "DescriptionAttribute", "DefaultValueAttribute",
            "DisplayNameAttribute", "BrowsableAttribute", "CategoryAttribute", "ReadOnlyAttribute", "INotifyPropertyChanged",
            "INotifyPropertyChanging", "PropertyChangedEventArgs", "PropertyChangedEventHandler", "PropertyChangingEventArgs",
            "PropertyChangingEventHandler", "CancelEventArgs", "Win32Exception");
        p.AllowNamespace("System.ComponentModel.DataAnnotations", includeChildren: true);

        // Workflow code logs through the ILogger the host gives it, with the extension methods and what the
        // [LoggerMessage] source generator emits; loggers, factories and providers are the host's.
        p.AllowTypes("Microsoft.Extensions.Logging", ApiNotAllowed,
            "only logging through the ILogger the host gives (StepContext.Logger, WorkflowStep.Logger) is allowed; "
            + "creating loggers and providers is the host's",
            includeChildren: false,
            "ILogger", "ILogger`1", "LogLevel", "EventId", "LoggerExtensions", "LoggerMessage", "LoggerMessageAttribute",
            "LogDefineOptions");
        p.AllowTypes("Microsoft.Extensions.Logging.Abstractions", ApiNotAllowed,
            "only NullLogger is allowed from Microsoft.Extensions.Logging.Abstractions", includeChildren: false,
            "NullLogger", "NullLogger`1");

        // Creating an algorithm by name goes through CryptoConfig, which instantiates whatever type the name resolves to.
        p.AllowTypes("System.Security.Cryptography", ApiNotAllowed,
            "only hashing, HMAC, random numbers, key derivation and the common ciphers of System.Security.Cryptography are on the allow-list",
            includeChildren: true,
            "SHA1", "SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512", "MD5", "HMAC", "HMACMD5", "HMACSHA1",
            "HMACSHA256", "HMACSHA384", "HMACSHA512", "HMACSHA3_256", "HMACSHA3_384", "HMACSHA3_512", "HashAlgorithm",
            "KeyedHashAlgorithm", "HashAlgorithmName", "IncrementalHash", "RandomNumberGenerator", "CryptographicOperations",
            "CryptographicException", "AuthenticationTagMismatchException", "Aes", "AesGcm", "AesCcm", "ChaCha20Poly1305",
            "SymmetricAlgorithm", "AsymmetricAlgorithm", "CipherMode", "PaddingMode", "CryptoStream", "CryptoStreamMode",
            "ICryptoTransform", "KeySizes", "RSA", "RSAParameters", "RSAEncryptionPadding", "RSAEncryptionPaddingMode",
            "RSASignaturePadding", "RSASignaturePaddingMode", "ECDsa", "ECDiffieHellman", "ECDiffieHellmanPublicKey",
            "ECAlgorithm", "ECCurve", "ECParameters", "ECPoint", "DSASignatureFormat", "Rfc2898DeriveBytes", "HKDF",
            "PbeParameters", "PbeEncryptionAlgorithm", "PemEncoding", "PemFields", "Oid", "OidGroup")
            .DenyMember("Create", Reflection, "creating algorithms by name can instantiate any type, which is not allowed",
                s => s.TakesString);
        p.Type("System.Security.Cryptography.CryptoConfig").Deny(Reflection, "CryptoConfig creates objects by name, which is not allowed");
    }

    private static void AddReflection(ApiPolicy p)
    {
        // Looking at types is allowed (System.Text.Json's source generator emits GetProperty/GetConstructor calls);
        // every way of acting through what was found is not.
        p.AllowNamespace("System.Reflection")
            .DenyMember("Invoke", Reflection, Invokes)
            .DenyMember("InvokeMember", Reflection, Invokes)
            .DenyMember("GetValue", Reflection, Invokes)
            .DenyMember("SetValue", Reflection, Invokes)
            .DenyMember("GetValueDirect", Reflection, Invokes)
            .DenyMember("SetValueDirect", Reflection, Invokes)
            .DenyMember("CreateDelegate", Reflection, Invokes)
            .DenyMember("AddEventHandler", Reflection, Invokes)
            .DenyMember("RemoveEventHandler", Reflection, Invokes)
            .DenyMember("CreateInstance", Reflection, Invokes);
        // Reading names and embedded resources is common and harmless; listing types or loading is how a type or
        // assembly would be reached by name.
        p.Type("System.Reflection.Assembly").AllowOnly(AssemblyLoading,
            "loading assemblies or reaching their types is not allowed (only names and embedded resources can be read)",
            "GetExecutingAssembly", "GetName", "get_FullName", "GetManifestResourceStream", "GetManifestResourceNames",
            "GetManifestResourceInfo", "op_Equality", "op_Inequality", "Equals", "GetHashCode", "ToString");
        p.Type("System.Reflection.AssemblyName").DenyMember("GetAssemblyName", FileSystemAccess, "reading assembly files is not allowed");
        p.Type("System.Reflection.Module").Deny(Reflection, "resolving metadata tokens through reflection is not allowed");
        p.Type("System.Reflection.MethodInvoker").Deny(Reflection, Invokes);
        p.Type("System.Reflection.ConstructorInvoker").Deny(Reflection, Invokes);
        p.Type("System.Reflection.DispatchProxy").Deny(CodeGeneration, "DispatchProxy generates code at run time, which is not allowed");
        p.Type("System.Reflection.Pointer").Deny(UnsafeCode, Unsafe);
        p.Type("System.Reflection.MetadataLoadContext").Deny(AssemblyLoading, "loading assemblies is not allowed");
        p.Type("System.Reflection.PathAssemblyResolver").Deny(FileSystemAccess, "reading assembly files is not allowed");
        p.DenyNamespace("System.Reflection.Emit", CodeGeneration, "generating code at run time is not allowed");
    }

    private static void AddInterop(ApiPolicy p)
    {
        p.AllowTypes("System.Runtime.InteropServices", NativeInterop, "native interop is not allowed", includeChildren: true,
            "InAttribute", "OutAttribute", "OptionalAttribute", "DefaultParameterValueAttribute", "ComVisibleAttribute",
            "GuidAttribute", "StructLayoutAttribute", "LayoutKind", "CharSet", "ExternalException", "COMException",
            "RuntimeInformation", "OSPlatform", "Architecture", "CollectionsMarshal");
        p.Type("System.Runtime.InteropServices.Marshal").Deny(NativeInterop, "Marshal reads and writes native memory, which is not allowed");
        p.Type("System.Runtime.InteropServices.NativeLibrary").Deny(NativeInterop, "loading native libraries is not allowed");
        p.Type("System.Runtime.InteropServices.NativeMemory").Deny(NativeInterop, "allocating native memory is not allowed");
        p.Type("System.Runtime.InteropServices.GCHandle").Deny(NativeInterop,
            "GC handles pin objects and keep them alive past unloading, which is not allowed");
        p.Type("System.Runtime.InteropServices.MemoryMarshal")
            .AllowOnly(UnsafeCode, "MemoryMarshal reinterprets memory, bypassing type safety")
            .AllowInCompilerHelpers("CreateSpan", "CreateReadOnlySpan");
        p.DenyNamespace("Microsoft.Win32.SafeHandles", NativeInterop, "native handles are not allowed");
    }
}
