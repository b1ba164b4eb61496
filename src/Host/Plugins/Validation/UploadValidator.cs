namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Decides whether an uploaded workflow DLL or publish-folder zip may be stored, before anything is written: zip
/// safety, real managed assemblies, the SDK version, the <c>[Workflow]</c> types, and the allow-list scan of every
/// assembly. It reports every reason it finds, not just the first. Stateless and thread-safe; register it once.
/// </summary>
/// <remarks>
/// The scan raises the cost of mischief; it is not a sandbox. Code in an AssemblyLoadContext runs with the host's
/// full permissions, and no metadata scan stops an infinite loop, a memory bomb or hand-written unverifiable IL.
/// </remarks>
internal sealed class UploadValidator(HostAssemblies host, ApiPolicy policy)
{
    public UploadValidator()
        : this(HostAssemblies.Current, DefaultApiPolicy.Instance)
    {
    }

    /// <param name="body">The request body.</param>
    /// <param name="kind">Whether the body is one DLL or a zip of a publish folder.</param>
    /// <param name="limits">Caps on what the body may expand to.</param>
    /// <param name="fileName">The uploaded file's name, for messages about the upload as a whole; optional.</param>
    public ValidationResult Validate(ReadOnlyMemory<byte> body, UploadKind kind, UploadLimits limits, string? fileName = null)
    {
        var uploadName = string.IsNullOrWhiteSpace(fileName) ? (kind == UploadKind.Zip ? "upload.zip" : "upload.dll") : fileName;
        var problems = new ProblemList(limits.MaxProblems);
        var dropped = new List<string>();
        var entries = kind == UploadKind.Zip
            ? ZipUploadReader.Read(body, uploadName, limits, problems, dropped)
            : ReadDll(body, uploadName, limits, problems);

        var assemblies = new List<UploadedAssembly>();
        try
        {
            return Check(entries, kind, uploadName, problems, dropped, assemblies);
        }
        catch (Exception e) when (IsMalformedMetadata(e))
        {
            // The checks guard each assembly; this is the backstop for whatever hostile metadata still reaches.
            problems.Add(UploadProblemCodes.BadMetadata, uploadName, $"{uploadName}: holds malformed metadata: {e.Message}");
            return ValidationResult.Rejected(problems.ToList());
        }
        finally
        {
            foreach (var assembly in assemblies)
            {
                assembly.Dispose();
            }
        }
    }

    private ValidationResult Check(List<UploadEntry> entries, UploadKind kind, string uploadName, ProblemList problems,
        List<string> dropped, List<UploadedAssembly> assemblies)
    {
        var files = new UploadFiles(kind, host, problems, dropped).Open(entries, assemblies);
        if (assemblies.Count == 0 && !problems.Any)
        {
            problems.Add(UploadProblemCodes.NoAssembly, uploadName, $"{uploadName}: contains no .NET assembly (.dll).");
        }

        var sdkVersions = SdkReferenceCheck.Run(assemblies, host, uploadName, problems);
        var workflows = Guard(uploadName, problems, () => WorkflowDiscovery.Run(assemblies, uploadName, problems));
        var catalog = new UploadCatalog(assemblies, host);
        foreach (var assembly in assemblies)
        {
            Guard(assembly.Path, problems, () => MissingAssemblyCheck.Run(assembly, catalog, kind, problems));
            Guard(assembly.Path, problems, () => Scan(assembly, catalog, problems));
        }

        if (problems.Any || workflows is null)
        {
            return ValidationResult.Rejected(problems.ToList());
        }

        var (entry, found) = workflows.Value;
        return ValidationResult.Accepted(new ValidatedUpload
        {
            Files = files,
            EntryAssemblyName = entry.Name,
            EntryAssemblyPath = entry.Path,
            Workflows = found,
            SdkVersion = sdkVersions[entry],
            DroppedFiles = dropped,
        });
    }

    private void Scan(UploadedAssembly assembly, UploadCatalog catalog, ProblemList problems)
    {
        var sites = new UsageSiteCollector(assembly.PE, assembly.Metadata).Collect();
        new AssemblyApiScanner(assembly, policy, catalog, problems).Scan(sites);
        UnsafeCodeCheck.Run(assembly, sites, problems);
        NativeCodeCheck.Run(assembly, problems);
    }

    private static List<UploadEntry> ReadDll(ReadOnlyMemory<byte> body, string uploadName, UploadLimits limits, ProblemList problems)
    {
        if (body.Length > limits.MaxExpandedBytes)
        {
            problems.Add(UploadProblemCodes.TooLarge, uploadName,
                $"{uploadName}: is {body.Length:N0} bytes; at most {limits.MaxExpandedBytes:N0} are allowed.");
            return [];
        }

        // A copy: the accepted upload outlives the request, whose buffer the caller may reuse.
        return [new UploadEntry(uploadName, body.ToArray())];
    }

    /// <summary>
    /// Runs a check over hostile metadata: a malformed table or blob becomes a problem on that file rather than a
    /// failed request.
    /// </summary>
    private static T? Guard<T>(string path, ProblemList problems, Func<T?> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (IsMalformedMetadata(e))
        {
            problems.Add(UploadProblemCodes.BadMetadata, path, $"{path}: has malformed metadata or IL: {e.Message}");
            return default;
        }
    }

    private static void Guard(string path, ProblemList problems, Action check) =>
        Guard<object>(path, problems, () =>
        {
            check();
            return null;
        });

    /// <summary>What System.Reflection.Metadata throws on tables and blobs that do not hold together.</summary>
    private static bool IsMalformedMetadata(Exception e) =>
        e is BadImageFormatException or InvalidOperationException or ArgumentException or InvalidCastException
            or IndexOutOfRangeException or OverflowException;
}
