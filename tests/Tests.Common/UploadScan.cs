using Skein.Host.Plugins.Validation;

namespace Skein.Tests.Common;

/// <summary>The host's upload scan on one assembly, for tests outside the host's friends (the SDK analyzers' tests).</summary>
public static class UploadScan
{
    private static readonly UploadValidator Validator = new();

    /// <summary>Every problem the validator reports for <paramref name="dll"/> uploaded as a single assembly.</summary>
    public static IReadOnlyList<ScanProblem> Problems(byte[] dll) =>
        [.. Validator.Validate(dll, UploadKind.Dll, UploadLimits.Default).Problems.Select(p => new ScanProblem(p.Code, p.Api, p.Message))];
}
