using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>deploy/local/run.sh starts a working router and two hosts, and Ctrl-C stops all three.</summary>
public sealed class RunScriptTests
{
    [Fact]
    public async Task The_local_script_runs_a_router_over_two_hosts_and_ctrl_c_stops_them_all()
    {
        // Through `env --default-signal=INT`: a test run started in the background (CI under nohup, `cmd &`) inherits
        // SIGINT ignored, and bash can neither trap nor reset a signal ignored on entry, so Ctrl-C would never reach
        // the script's trap. A user's terminal gives the script the default, as this does.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(BuildOutputs.RunScript);
        start.Environment["SKEIN_HOST_DLL"] = BuildOutputs.HostDll;
        start.Environment["SKEIN_ROUTER_DLL"] = BuildOutputs.RouterDll;
        using var script = new Process { StartInfo = start };
        var lines = new List<string>();
        script.OutputDataReceived += (_, e) => { if (e.Data is { } l) { lock (lines) { lines.Add(l); } } };
        script.ErrorDataReceived += (_, e) => { if (e.Data is { } l) { lock (lines) { lines.Add(l); } } };
        script.Start();
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        string Line(string prefix) { lock (lines) { return lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? ""; } }
        string Output() { lock (lines) { return string.Join('\n', lines); } }
        try
        {
            await Eventually.Until(() => Line("admin key: ").Length > 0 || script.HasExited, "the script to print the admin key",
                TimeSpan.FromSeconds(240));
            Assert.False(script.HasExited, "the script exited:\n" + string.Join('\n', lines));
            var router = Line("router: ")["router: ".Length..].Split(' ')[0];
            var key = Line("admin key: ")["admin key: ".Length..];
            var pids = new[] { "node a: ", "node b: ", "router: " }.Select(p => int.Parse(Line(p).Split("pid=")[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

            using var client = new HttpClient { BaseAddress = new Uri(router) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            // A 503 (a health probe timed out on a loaded machine, so no node counted as healthy) sent nothing to a node
            // and says to retry, as a client would.
            var (status, node) = await Eventually.UntilAsync(async () =>
            {
                using var created = await client.PostAsJsonAsync("/v1/tenants", new { id = "local-1" });
                return (created.StatusCode, created.StatusCode == HttpStatusCode.Created ? RouterApi.Node(created) : "");
            }, r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "the router to create the tenant", TimeSpan.FromSeconds(60));
            Assert.True(status == HttpStatusCode.Created, $"the create answered {(int)status}; the script's output:\n{Output()}");
            Assert.Contains(node, new[] { "a", "b" });

            // Ctrl-C: SIGINT to the script.
            using (var interrupt = Process.Start("kill", ["-INT", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await script.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("the script did not exit within 90 s of Ctrl-C; its output:\n" + Output());
            }
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs after Ctrl-C"));
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
