using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Skein.Tests.Common;

namespace Skein.TenantSdk.Analyzers.Tests;

/// <summary>
/// SKEIN002 and the host's upload scan give the same verdict on the same program: one policy (src/ApiPolicy), two
/// views of a member. Every SKEIN002 diagnostic is a scan problem (same code, same API) and every scan problem about
/// an API is a SKEIN002 diagnostic. The analyzer reports where the code names an API; the scan reports the
/// references the compiler emitted, so an API matches at type granularity too (an async void method is one
/// diagnostic on AsyncVoidMethodBuilder and several scan problems on its members).
/// </summary>
public sealed class ScanAgreementTests
{
    [Theory]
    [MemberData(nameof(ScanAgreementCorpus.Denied), MemberType = typeof(ScanAgreementCorpus))]
    public async Task The_analyzer_and_the_scan_deny_the_same_apis(string members)
    {
        var (scan, analyzer) = await BothAsync(members);

        Assert.NotEmpty(scan);
        AssertAgree(scan, analyzer);
    }

    [Theory]
    [MemberData(nameof(ScanAgreementCorpus.Allowed), MemberType = typeof(ScanAgreementCorpus))]
    public async Task The_analyzer_and_the_scan_allow_the_same_apis(string members)
    {
        var (scan, analyzer) = await BothAsync(members);

        Assert.Empty(scan);
        Assert.Empty(analyzer);
    }

    [Fact]
    public async Task The_analyzer_message_is_the_scans_reason_and_code()
    {
        var (scan, analyzer) = await BothAsync("public static string Run() => System.IO.File.ReadAllText(\"/etc/passwd\");");

        Assert.Equal("MyTenant.dll: type MyTenant.Evil (method Run) calls System.IO.File.ReadAllText — direct file-system access is not allowed.",
            Assert.Single(scan).Message);
        Assert.Equal("calls System.IO.File.ReadAllText — direct file-system access is not allowed (FileSystemAccess)",
            Assert.Single(analyzer).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertAgree(IReadOnlyList<ScanProblem> scan, IReadOnlyList<Diagnostic> analyzer)
    {
        var found = analyzer.Select(d => (Code: d.Properties[ForbiddenApiAnalyzer.CodeProperty]!, Api: d.Properties[ForbiddenApiAnalyzer.ApiProperty]!)).ToList();
        var described = $"scan: [{string.Join("; ", scan.Select(p => $"{p.Code} {p.Api}"))}]\nanalyzer: [{string.Join("; ", found.Select(f => $"{f.Code} {f.Api}"))}]";
        foreach (var (code, api) in found)
        {
            Assert.True(scan.Any(p => p.Code == code && SameApi(p.Api, api)), $"SKEIN002 {code} {api} has no scan problem.\n{described}");
        }

        foreach (var problem in scan.Where(p => p.Api is not null))
        {
            Assert.True(found.Any(f => f.Code == problem.Code && SameApi(problem.Api, f.Api)),
                $"The scan's {problem.Code} {problem.Api} has no SKEIN002 diagnostic.\n{described}");
        }
    }

    private static bool SameApi(string? scan, string analyzer) =>
        scan is not null && (scan == analyzer || scan.StartsWith(analyzer + ".", StringComparison.Ordinal)
            || analyzer.StartsWith(scan + ".", StringComparison.Ordinal));

    private static async Task<(IReadOnlyList<ScanProblem> Scan, IReadOnlyList<Diagnostic> Analyzer)> BothAsync(string members)
    {
        var source = $$"""
            {{TestAssemblies.OrderWorkflow}}

            public class Evil
            {
                {{members}}
            }
            """;
        var compilation = TestAssemblies.CreateCompilation("MyTenant", source);
        var scan = UploadScan.Problems(TestAssemblies.Emit(compilation));
        var analyzer = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ForbiddenApiAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return (scan, analyzer);
    }
}
