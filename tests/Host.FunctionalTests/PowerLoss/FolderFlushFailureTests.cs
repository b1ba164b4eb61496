using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Backup;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.PowerLoss;

/// <summary>
/// A folder fsync that fails (the disk reports an I/O error) is a failed write: a deployment whose version folder
/// could not be made durable in <c>deployments/</c> must not be acknowledged, since a power cut would take it away.
/// powerloss-shim.c fails the fsync of that one folder on request.
/// </summary>
public sealed class FolderFlushFailureTests
{
    private const string Tenant = "ff";

    [LinuxFact]
    public async Task A_deployment_whose_folder_cannot_be_flushed_is_refused_as_a_host_fault()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(dataDir);
        var environment = PowerLossShim.Environment(dataDir, Path.Combine(dir.Path, "writes.bin"));
        environment["SKEIN_POWERLOSS_FAIL_SYNC"] = Path.Combine(dataDir, "tenants", Tenant, "deployments");
        using var node = await NodeProcess.StartAsync(dataDir, environment);
        using var admin = node.Client();
        await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant }), HttpStatusCode.Created);

        var upload = await ApiClient.UploadAsync(admin, Tenant, PowerLossWorkflow.Build());

        var problem = await ApiClient.ProblemAsync(upload, HttpStatusCode.InternalServerError);
        Assert.Equal("urn:skein:problem:host-fault", problem["type"]!.GetValue<string>());
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{Tenant}/deployments"))!["versions"]!.AsArray());
        // The operator's log names the failed fsync, the cause to look into, not the clean-up after it.
        Assert.Contains($"fsync of folder '{Path.Combine(dataDir, "tenants", Tenant, "deployments")}' failed", node.Output, StringComparison.Ordinal);
        await node.KillAsync();
    }
}
