namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The stable codes of an upload problem (<c>UploadProblem</c> in the host, SKEIN002 in the analyzer). Clients and
/// tests match on these, so they never change meaning; messages may be reworded.
/// </summary>
internal static class UploadProblemCodes
{
    // The upload as a whole.
    public const string TooLarge = "TooLarge";
    public const string TooManyProblems = "TooManyProblems";
    public const string NoAssembly = "NoAssembly";

    // Zip safety.
    public const string ZipCorrupt = "ZipCorrupt";
    public const string ZipUnsafePath = "ZipUnsafePath";
    public const string ZipDuplicateEntry = "ZipDuplicateEntry";
    public const string ZipTooManyEntries = "ZipTooManyEntries";
    public const string ZipCompressionRatio = "ZipCompressionRatio";
    public const string ZipEntrySizeMismatch = "ZipEntrySizeMismatch";

    // Each file.
    public const string NotPortableExecutable = "NotPortableExecutable";
    public const string NativeImage = "NativeImage";
    public const string BadMetadata = "BadMetadata";
    public const string NotAnAssembly = "NotAnAssembly";
    public const string ReferenceAssembly = "ReferenceAssembly";
    public const string AssemblyNameMismatch = "AssemblyNameMismatch";
    public const string ReservedAssemblyName = "ReservedAssemblyName";
    public const string BadConfigFile = "BadConfigFile";
    public const string MissingAssembly = "MissingAssembly";

    // The SDK and the workflows.
    public const string SdkNotReferenced = "SdkNotReferenced";
    public const string SdkTooNew = "SdkTooNew";
    public const string NoWorkflow = "NoWorkflow";
    public const string WorkflowsInSeveralAssemblies = "WorkflowsInSeveralAssemblies";
    public const string WorkflowNameInvalid = "WorkflowNameInvalid";
    public const string WorkflowNameDuplicate = "WorkflowNameDuplicate";
    public const string WorkflowBaseType = "WorkflowBaseType";
    public const string WorkflowNotConstructible = "WorkflowNotConstructible";
    public const string WorkflowAttributeUnreadable = "WorkflowAttributeUnreadable";

    // The API scan.
    public const string ApiNotAllowed = "ApiNotAllowed";
    public const string ProcessControl = "ProcessControl";
    public const string HostEnvironment = "HostEnvironment";
    public const string FileSystemAccess = "FileSystemAccess";
    public const string NetworkAccess = "NetworkAccess";
    public const string Reflection = "Reflection";
    public const string CodeGeneration = "CodeGeneration";
    public const string AssemblyLoading = "AssemblyLoading";
    public const string NativeInterop = "NativeInterop";
    public const string UnsafeCode = "UnsafeCode";
    public const string Threading = "Threading";
}
