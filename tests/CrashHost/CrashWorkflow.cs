using System.Globalization;
using Skein.TenantSdk;

namespace Skein.CrashHost;

/// <summary>
/// Eight steps around a durable sleep, two of them in parallel and three sharing a name: every step appends a line
/// to the side-effect file and returns a number, and the workflow returns their sum (36), so the test sees both what
/// ran and that replayed results came back right.
/// </summary>
[Workflow("crash")]
internal sealed class CrashWorkflow : Workflow<CrashParams, int>
{
    /// <summary>
    /// How long each step works. Deliberately long, so kills land inside steps (before and after their side effect)
    /// and the whole workload cannot finish during the test's kill phase, however fast the machine.
    /// </summary>
    public static readonly TimeSpan StepWork = TimeSpan.FromMilliseconds(200);

    public override async Task<int> RunAsync(WorkflowEvent<CrashParams> e, WorkflowStep step, CancellationToken ct)
    {
        var total = await Effect(step, e, "reserve", 1);
        total += await Effect(step, e, "charge", 2);
        await step.Sleep("cool-off", TimeSpan.FromMilliseconds(30));
        var notified = await Task.WhenAll(Effect(step, e, "notify-a", 3), Effect(step, e, "notify-b", 4));
        total += notified.Sum();
        for (var parcel = 0; parcel < 3; parcel++)
        {
            total += await Effect(step, e, "ship", 5 + parcel);
        }

        total += await Effect(step, e, "close", 8);
        return total;
    }

    /// <summary>
    /// The steps never fail by themselves, but every kill that lands in one charges it an attempt: a limit well
    /// above the kills of the test, retried at once.
    /// </summary>
    private static readonly StepConfig Config = new() { Retries = new RetryPolicy(100, TimeSpan.Zero, Backoff.Constant) };

    private static Task<int> Effect(WorkflowStep step, WorkflowEvent<CrashParams> e, string name, int value) =>
        step.Do(name, Config, async ctx =>
        {
            // The side effect happens at a random point of the step's work, so a kill may come before it or after it.
            var before = TimeSpan.FromMilliseconds(Random.Shared.Next((int)StepWork.TotalMilliseconds + 1));
            await Task.Delay(before, ctx.CancellationToken);
            SideEffectFile.Append(e.Payload.SideEffectFile, string.Create(CultureInfo.InvariantCulture,
                $"{e.InstanceId} {ctx.Name}#{ctx.Count} attempt={ctx.Attempt} run={SideEffectFile.Run}\n"));
            await Task.Delay(StepWork - before, ctx.CancellationToken);
            return value;
        });
}
