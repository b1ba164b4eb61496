using System.Text.Json.Serialization;
using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Params whose <see cref="Name"/> is required to read them but left out when null: <c>new Picky(null)</c> is written
/// as <c>{}</c>, which cannot be read back.
/// </summary>
internal sealed record Picky(
    [property: JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    int Run = 1);

/// <summary>
/// Run 1: a step with a rollback handler, then a continue-as-new with params the next run could not read. A run with
/// other params waits a day for a "never" event.
/// </summary>
[Workflow("continue-unreadable")]
internal sealed class ContinueUnreadable : Workflow<Picky, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Picky> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        if (e.Payload.Run == 1)
        {
            await step.Do("reserve", null, _ => Task.FromResult(1), _ =>
            {
                probe.Record("undo reserve");
                return Task.CompletedTask;
            });
            throw step.ContinueAsNew(new Picky(null, 2));
        }

        probe.Record($"run {e.Payload.Run}");
        var never = await step.WaitForEvent<string>("never", new WaitForEventOptions { Type = "never", Timeout = TimeSpan.FromDays(1) });
        return never.Payload;
    }
}

/// <summary>Run 1 continues with a string of as many characters as its params say; the next run returns its params' length.</summary>
[Workflow("continue-sized")]
internal sealed class ContinueSized : Workflow<string, int>
{
    public override Task<int> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
        int.TryParse(e.Payload, out var length)
            ? throw step.ContinueAsNew(new string('x', length))
            : Task.FromResult(e.Payload.Length);
}

/// <summary>
/// Run 1 sleeps five minutes (unless the probe's variant is 1: the code changed to continue at once), then continues
/// as run 2, which returns.
/// </summary>
[Workflow("continue-after-nap")]
internal sealed class ContinueAfterNap : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        if (e.Payload == 2)
        {
            return "run 2";
        }

        if (Probe.For(e.InstanceId).Variant != 1)
        {
            await step.Sleep("nap", TimeSpan.FromMinutes(5));
        }

        throw step.ContinueAsNew(2);
    }
}
