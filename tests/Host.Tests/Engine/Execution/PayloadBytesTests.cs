using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// The payload limit counts UTF-8 bytes, as an event's or a create's does, wherever the workflow hands the engine JSON:
/// a step's result, the workflow's output, a child's params. A tenant converter writing characters unescaped must
/// not store twice the limit.
/// </summary>
public sealed class PayloadBytesTests
{
    private const int Limit = 1024;

    [Fact]
    public async Task A_step_result_within_the_limit_in_bytes_is_kept()
    {
        using var t = Engine();
        // 511 two-byte characters and two quotes: exactly the limit.
        var id = await t.CreateAsync("raw-step", 511);

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal("511", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_step_result_over_the_limit_in_bytes_though_not_in_characters_fails_at_once_as_payload_too_large()
    {
        using var t = Engine();
        var id = await t.CreateAsync("raw-step", 600);

        // Default retries: a retried attempt would wait on the fake clock and the instance would not complete.
        await t.WaitForStatusAsync(id, "complete");

        var note = t.Describe(id).Output!.GetValue<string>();
        Assert.StartsWith("failed after 1:PayloadTooLargeException:", note, StringComparison.Ordinal);
        Assert.Contains("The result of step \"raw\" is 1202 bytes of JSON; the limit is 1024.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_output_over_the_limit_in_bytes_errors_the_instance_naming_its_size()
    {
        using var t = Engine();
        var id = await t.CreateAsync("raw-output", 600);

        await t.WaitForStatusAsync(id, "errored");

        var error = t.Describe(id).Error!;
        Assert.Equal(("PayloadTooLargeException", "The workflow's output is 1202 bytes of JSON; the limit is 1024."), (error.Name, error.Message));
    }

    [Fact]
    public async Task A_child_whose_params_are_over_the_limit_in_bytes_is_not_started()
    {
        using var t = Engine();
        var id = await t.CreateAsync("raw-parent", 600);

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(
            "not started:PayloadTooLargeException:The params of child workflow \"child\" are 1202 bytes of JSON; the limit is 1024.",
            t.Describe(id).Output!.GetValue<string>());
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, $"{id}-child-1"));
    }

    private static TestEngine Engine() =>
        new(new EngineOptions { MaxPayloadBytes = Limit }, typeof(RawStep), typeof(RawOutput), typeof(RawParent), typeof(RawChild));
}
