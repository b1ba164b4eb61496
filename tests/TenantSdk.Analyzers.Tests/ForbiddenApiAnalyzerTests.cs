namespace Skein.TenantSdk.Analyzers.Tests;

public sealed class ForbiddenApiAnalyzerTests
{
    [Fact]
    public async Task A_denied_api_is_reported_with_the_scans_code_and_reason()
    {
        await Verify.AnalyzerAsync<ForbiddenApiAnalyzer>("""
            public static class Evil
            {
                public static string Run() => {|#0:System.IO.File.ReadAllText("/etc/passwd")|};
            }
            """,
            Verify.Diagnostic("SKEIN002").WithLocation(0)
                .WithArguments("calls System.IO.File.ReadAllText", "direct file-system access is not allowed", "FileSystemAccess"));
    }

    [Fact]
    public async Task Creating_a_denied_type_and_naming_one_are_reported()
    {
        await Verify.AnalyzerAsync<ForbiddenApiAnalyzer>("""
            public static class Evil
            {
                public static object Run() => {|#0:new System.Net.Sockets.TcpClient("localhost", 5432)|};

                public static void Take({|#1:System.Diagnostics.Process|} p) { }
            }
            """,
            Verify.Diagnostic("SKEIN002").WithLocation(0)
                .WithArguments("creates System.Net.Sockets.TcpClient", "raw sockets are not allowed; use StepContext.Http", "NetworkAccess"),
            Verify.Diagnostic("SKEIN002").WithLocation(1)
                .WithArguments("uses System.Diagnostics.Process", "starting or inspecting processes is not allowed", "ProcessControl"));
    }

    [Fact]
    public async Task An_overload_the_policy_allows_is_not_reported_while_its_sibling_is()
    {
        await Verify.AnalyzerAsync<ForbiddenApiAnalyzer>("""
            public static class Evil
            {
                public static object? Allowed() => Activator.CreateInstance(typeof(System.Text.StringBuilder));

                public static object? Denied() => {|#0:Activator.CreateInstance("System.Diagnostics.Process", "System.Diagnostics.Process")|};
            }
            """,
            Verify.Diagnostic("SKEIN002").WithLocation(0).WithArguments("calls System.Activator.CreateInstance",
                "only Activator.CreateInstance<T>() and CreateInstance(Type) are allowed; the other overloads create instances by type name or call arbitrary constructors",
                "Reflection"),
            // The scan judges the types in a called member's signature too: this overload returns an ObjectHandle.
            Verify.Diagnostic("SKEIN002").WithLocation(0).WithArguments("uses System.Runtime.Remoting.ObjectHandle",
                "namespace System.Runtime.Remoting is not on the allow-list", "ApiNotAllowed"));
    }

    [Fact]
    public async Task Allowed_apis_and_the_tenants_own_types_are_not_reported()
    {
        await Verify.AnalyzerAsync<ForbiddenApiAnalyzer>("""
            using System.Linq;
            using System.Text;

            namespace Acme.Internal
            {
                public sealed class Ledger { public void Post() { } }
            }

            public static class Fine
            {
                public static string Run(StepContext ctx)
                {
                    new Acme.Internal.Ledger().Post();
                    Console.WriteLine(nameof(System.IO.File));
                    var text = new StringBuilder().Append(string.Join(",", new[] { 1, 2 }.Select(i => i * 2))).ToString();
                    return text + ctx.Http.BaseAddress + Environment.NewLine + Environment.ProcessorCount;
                }
            }
            """);
    }
}
