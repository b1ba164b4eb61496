using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>
/// Starting a child workflow: what the parent is told when the child cannot start (its params too large, its workflow
/// unknown, no workflow named), in the run that asked and in a replay of it, and what a client watching the child sees.
/// </summary>
public sealed class ChildStartTests
{
    private const int Limit = 1024;

    [Fact]
    public async Task A_child_whose_params_are_exactly_the_payload_limit_starts()
    {
        using var t = Engine();

        // A text of Limit - 2 characters is Limit bytes of JSON with its quotes.
        var note = await RunParentAsync(t, new ChildStart("child-length", Limit - 2));

        Assert.Equal($"ok {Limit - 2}", note);
    }

    [Fact]
    public async Task A_child_whose_params_are_one_byte_over_the_limit_is_not_started_and_the_message_gives_the_size_and_limit()
    {
        using var t = Engine();

        var id = await t.CreateAsync("parent-starts-child", new ChildStart("child-length", Limit - 1));
        var note = await CompleteAsync(t, id);

        Assert.Equal(
            $"not started:PayloadTooLargeException:The params of child workflow \"child\" are {Limit + 1} bytes of JSON; the limit is {Limit}.",
            note);
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, $"{id}-child-1"));
    }

    [Fact]
    public async Task An_unknown_child_workflow_is_refused_with_the_version_tenant_and_names_in_the_message()
    {
        using var t = Engine();

        var id = await t.CreateAsync("parent-starts-child", new ChildStart("no-such-workflow", 1));
        var note = await CompleteAsync(t, id);

        var version = t.Describe(id).Version;
        Assert.Equal(
            $"not started:WorkflowNotFound:Version {version} of tenant '{TestEngine.Tenant}' has no workflow \"no-such-workflow\" to start as child workflow \"child\".",
            note);
    }

    [Fact]
    public async Task A_child_that_could_not_start_is_still_reported_as_not_started_when_the_parent_replays()
    {
        // The cache is off: the wake after the nap replays the refused child step from the log.
        using var t = Engine(cached: 0);

        var id = await t.CreateAsync("parent-starts-child", new ChildStart("no-such-workflow", 1));
        var note = await CompleteAsync(t, id);

        Assert.StartsWith("not started:WorkflowNotFound:", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_id_held_by_another_instance_fails_the_step_with_a_message_naming_the_id_and_the_step()
    {
        using var t = Engine();
        const string Parent = "taken-parent";
        await t.CreateAsync("child-length", "abc", $"{Parent}-child-1");

        var note = await RunParentAsync(t, new ChildStart("child-length", 3), Parent);

        Assert.Equal(
            $"not started:InstanceIdTaken:The child workflow's id '{Parent}-child-1' is already used by another instance; delete it or rename the step \"child\".",
            note);
    }

    [Fact]
    public async Task An_empty_child_workflow_name_is_refused_with_the_step_name_in_the_message()
    {
        using var t = Engine();

        var note = await RunParentAsync(t, new ChildStart("", 1));

        Assert.StartsWith("refused:Child workflow \"child\": the workflow name is empty.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_watching_a_child_before_it_exists_sees_it_queued()
    {
        using var t = Engine();
        const string Parent = "watched-parent";
        var queued = t.Runtimes.Runtime(TestEngine.Tenant).Watchers
            .WaitAsync($"{Parent}-child-1", s => s == InstanceStatus.Queued, CancellationToken.None);

        await RunParentAsync(t, new ChildStart("child-length", 3), Parent);

        // The child was announced queued before it was woken, so the watcher was answered before the parent ended.
        Assert.True(queued.IsCompletedSuccessfully);
        Assert.Equal(InstanceStatus.Queued, await queued);
    }

    private static async Task<string> RunParentAsync(TestEngine t, ChildStart start, string? id = null) =>
        await CompleteAsync(t, await t.CreateAsync("parent-starts-child", start, id));

    /// <summary>Lets the parent's nap pass and returns the note it ends with.</summary>
    private static async Task<string> CompleteAsync(TestEngine t, string id)
    {
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "nap"), "the parent napping");
        await t.WaitUntilIdleAsync();
        t.Advance(TimeSpan.FromMinutes(1));
        await t.WaitForStatusAsync(id, "complete");
        return t.Describe(id).Output!.GetValue<string>();
    }

    private static TestEngine Engine(int? cached = null)
    {
        var options = new EngineOptions { MaxPayloadBytes = Limit };
        if (cached is { } size)
        {
            options.MaxCachedExecutions = size;
        }

        return new TestEngine(options, typeof(ParentStartsChild), typeof(ChildLength));
    }
}
