using Microsoft.CodeAnalysis;

namespace Skein.TenantSdk.Analyzers;

/// <summary>The SDK's diagnostics. Warnings by default; a tenant project makes them errors with an .editorconfig line.</summary>
internal static class Descriptors
{
    // The repository has no public address yet: the link names the page in the SDK's docs folder.
    private const string Docs = "docs/sdk.md";

    public static readonly DiagnosticDescriptor NonDeterministicApi = new(
        "SKEIN001",
        "Non-deterministic API outside a step",
        "{0} is non-deterministic: outside a step it gives another value on replay; move it into step.Do",
        "Determinism",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Workflow code re-runs on every replay; only a step's result is logged. Read clocks, random numbers, "
            + "new ids and timers inside a step (step.Do), or use step.Sleep for delays.",
        helpLinkUri: Docs + "#skein001-non-deterministic-api-outside-a-step");

    public static readonly DiagnosticDescriptor ForbiddenApi = new(
        "SKEIN002",
        "API the upload scan rejects",
        "{0} — {1} ({2})",
        "UploadScan",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The host refuses an upload whose code references this API; the message is the scan's own.",
        helpLinkUri: Docs + "#skein002-an-api-the-upload-scan-rejects");

    public static readonly DiagnosticDescriptor StepNameNotConstant = new(
        "SKEIN003",
        "Step name is not a compile-time constant",
        "The step name passed to {0} is not a compile-time constant; a name that changes between runs breaks replay",
        "Determinism",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Replay matches steps by name and count; a name built at run time (an interpolated string, a "
            + "variable) can differ on replay. Use a literal or a const.",
        helpLinkUri: Docs + "#skein003-a-step-name-that-is-not-a-constant");
}
