using System.Net;
using System.Text.Json;
using Skein.Tests.Common;

namespace Skein.TenantSdk.Testing.Tests;

/// <summary>
/// <c>GET …/instances/{id}/history</c> from a real host, replayed by <see cref="WorkflowTestHost.ReplayAsync(string)"/>:
/// against the same code it passes, against changed code it names where the code diverged.
/// </summary>
public sealed class ReplayTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_history_exported_by_a_host_replays_against_the_same_code()
    {
        var history = await ApprovedHistoryAsync("r-same");
        await using var kit = new WorkflowTestHost(KitWorkflows.Types);

        var replayed = await kit.ReplayAsync(history);

        Assert.Equal(("complete", "\"q-42 shipped\""), (replayed.Status, replayed.Output?.GetRawText()));
        Assert.Equal(["quote", "cool-off", "approve", "ship"], replayed.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_step_renamed_in_the_code_is_non_determinism_at_its_position()
    {
        var history = await ApprovedHistoryAsync("r-renamed");
        await using var kit = new WorkflowTestHost(KitWorkflows.Changed("step.Sleep(\"cool-off\"", "step.Sleep(\"rest\""));

        var error = await Assert.ThrowsAsync<NonDeterminismException>(() => kit.ReplayAsync(history));

        Assert.Equal((1, "sleep \"cool-off\" #1"), (error.Position, error.Logged));
    }

    [Fact]
    public async Task A_step_of_another_kind_under_a_logged_name_is_non_determinism_at_its_position()
    {
        var history = await ApprovedHistoryAsync("r-kind");
        await using var kit = new WorkflowTestHost(KitWorkflows.Changed(
            "await step.Sleep(\"cool-off\", System.TimeSpan.FromMilliseconds(100));",
            "await step.Do(\"cool-off\", ctx => Task.FromResult(0));"));

        var error = await Assert.ThrowsAsync<NonDeterminismException>(() => kit.ReplayAsync(history));

        Assert.Equal((1, "sleep \"cool-off\" #1", "step \"cool-off\" #1"), (error.Position, error.Logged, error.Requested));
    }

    [Fact]
    public async Task A_step_added_after_the_logged_end_is_non_determinism_at_the_end()
    {
        var history = await ApprovedHistoryAsync("r-added");
        await using var kit = new WorkflowTestHost(KitWorkflows.Changed(
            "return await step.Do(\"ship\", ctx => Task.FromResult(quote + (ok.Payload ? \" shipped\" : \" held\")));",
            "await step.Do(\"audit\", ctx => Task.FromResult(1)); return await step.Do(\"ship\", ctx => Task.FromResult(quote + (ok.Payload ? \" shipped\" : \" held\")));"));

        var error = await Assert.ThrowsAsync<NonDeterminismException>(() => kit.ReplayAsync(history));

        Assert.Equal(3, error.Position);
        Assert.Equal("step \"ship\" #1", error.Logged);
    }

    [Fact]
    public async Task The_export_names_its_format_and_version_and_holds_every_step_with_its_attempts()
    {
        using var api = await HostApi.NewTenantWithKitWorkflowsAsync(host);
        await api.StartAsync("retry", new { fails = 1 }, "h-1");
        await api.WaitForStatusAsync("h-1", "complete");

        using var export = JsonDocument.Parse(await api.HistoryAsync("h-1"));
        var root = export.RootElement;

        Assert.Equal(("skein.history", 1, api.Tenant), (root.GetProperty("format").GetString(), root.GetProperty("version").GetInt32(),
            root.GetProperty("tenant").GetString()));
        Assert.Equal(("h-1", "retry", "complete", "2"), (root.GetProperty("instance").GetProperty("id").GetString(),
            root.GetProperty("instance").GetProperty("workflow").GetString(), root.GetProperty("instance").GetProperty("status").GetString(),
            root.GetProperty("instance").GetProperty("output").GetRawText()));
        var step = Assert.Single(root.GetProperty("steps").EnumerateArray());
        Assert.Equal(("step", "flaky", 1, "complete"), (step.GetProperty("type").GetString(), step.GetProperty("name").GetString(),
            step.GetProperty("count").GetInt32(), step.GetProperty("status").GetString()));
        Assert.Equal([false, true], step.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("success").GetBoolean()));
        Assert.Contains("status", root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task The_history_of_an_unknown_instance_is_404_problem_details()
    {
        using var api = await HostApi.NewTenantWithKitWorkflowsAsync(host);

        var response = await api.Client.GetAsync($"/v1/tenants/{api.Tenant}/instances/nobody/history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nobody", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_of_another_format_or_version_is_refused_with_what_to_do()
    {
        await using var kit = new WorkflowTestHost(KitWorkflows.Types);

        var format = await Assert.ThrowsAsync<ArgumentException>(() => kit.ReplayAsync("""{"format": "other", "version": 1}"""));
        var version = await Assert.ThrowsAsync<ArgumentException>(() => kit.ReplayAsync("""{"format": "skein.history", "version": 2}"""));

        Assert.Contains("not a history export", format.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", version.Message, StringComparison.Ordinal);
    }

    private async Task<string> ApprovedHistoryAsync(string id)
    {
        using var api = await HostApi.NewTenantWithKitWorkflowsAsync(host);
        await api.StartAsync("approval", "42", id);
        await api.WaitForStatusAsync(id, "waiting");
        await api.SendEventAsync(id, "approve", true);
        await api.WaitForStatusAsync(id, "complete");
        return await api.HistoryAsync(id);
    }
}
