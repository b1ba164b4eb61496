using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Host.FunctionalTests.Api;
using Skein.Host.FunctionalTests.Backup;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Moves;

/// <summary>
/// A restore is carried out only for a client still waiting for it (a move's router killed or timed out undoes the
/// move by deleting the target's tenant: a restore finishing afterwards would leave an unplaced copy), and a tenant
/// delete meanwhile answers 503, so the undo's delete cannot run ahead of the restore.
/// </summary>
public sealed class AbandonedRestoreTests(RestoreHoldFixture host) : IClassFixture<RestoreHoldFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_restore_whose_client_went_away_before_its_commit_point_creates_nothing_and_a_delete_answers_503_until_it_ended()
    {
        var (source, sourceClient) = await ApiClient.NewTenantAsync(host, "abandon");
        sourceClient.Dispose();
        using var admin = host.Client();
        var archive = await BackupApi.BackupAsync(admin, source);
        var target = source[..^5] + "-copy";
        await File.WriteAllTextAsync(host.HoldFile, "held");
        try
        {
            using var cut = new CancellationTokenSource();
            using var content = new ByteArrayContent(archive);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            var restoring = admin.PostAsync($"/v1/tenants/{source}/restore?as={target}", content, cut.Token);
            await Eventually.Until(() => File.Exists(host.HoldFile + ".held"), "the restore to reach its commit point", Deadline);

            using (var refused = await admin.DeleteAsync($"/v1/tenants/{target}"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
                var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("urn:skein:problem:tenant-restoring", problem.GetProperty("type").GetString());
                Assert.Equal($"Tenant '{target}' is being restored on this node; delete it once the restore has ended (retry after the Retry-After delay).",
                    problem.GetProperty("detail").GetString());
            }

            await cut.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restoring);
            await Eventually.Until(() => File.Exists(host.HoldFile + ".client-gone"), "the host to see the client gone", Deadline);
        }
        finally
        {
            File.Delete(host.HoldFile);
        }

        // Once the restore has ended the delete goes through, and finds nothing: the restore created no tenant.
        var answer = await Eventually.UntilAsync(async () =>
        {
            using var deleted = await admin.DeleteAsync($"/v1/tenants/{target}");
            return deleted.StatusCode;
        }, s => s != HttpStatusCode.ServiceUnavailable, "the restore to end", Deadline);
        Assert.Equal(HttpStatusCode.NotFound, answer);
        using var shown = await admin.GetAsync($"/v1/tenants/{target}");
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
    }
}
