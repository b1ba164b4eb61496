using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Crash;

/// <summary>
/// The tenant of the real-host crash test, built from source and uploaded over HTTP. Seven steps (four sharing a name,
/// two in parallel); each makes a fresh value, prints its side-effect line to the host's standard output at a random
/// moment of its work, and returns the value. The workflow returns its version and every step's value, so a replay
/// that handed back anything but the logged values shows in the result.
/// </summary>
/// <remarks>
/// The side effect goes to standard output rather than a file: the upload scan refuses file access in tenant code,
/// and <c>Console.WriteLine</c> is one synchronous <c>write</c> to the pipe the test reads, done before the step
/// returns, so a line is never lost to the kill that follows it.
/// </remarks>
internal static class RealHostCrashWorkflow
{
    public const string Name = "job";

    /// <summary>The prefix of a side-effect line: <c>effect {instance} {step}#{count} {value}</c>.</summary>
    public const string EffectPrefix = "effect ";

    /// <summary>The steps of one instance, as name#count, in the order their values appear in the result.</summary>
    public static readonly string[] Steps = ["work#1", "work#2", "work#3", "work#4", "fan-a#1", "fan-b#1", "close#1"];

    /// <summary>
    /// The steps each step starts after (it starts only once they returned): with commit before continue, they were
    /// committed before it ran.
    /// </summary>
    public static readonly Dictionary<string, string[]> After = new(StringComparer.Ordinal)
    {
        ["work#2"] = ["work#1"], ["work#3"] = ["work#2"], ["work#4"] = ["work#3"],
        ["fan-a#1"] = ["work#4"], ["fan-b#1"] = ["work#4"], ["close#1"] = ["fan-a#1", "fan-b#1"],
    };

    /// <summary>The workflow's params: how long each step works, in milliseconds.</summary>
    public static byte[] Build(int version) => TestAssemblies.Compile("RealCrash.Tenant", $$"""
        namespace RealCrash;

        [Workflow("job")]
        public sealed class JobWorkflow : Workflow<int, string>
        {
            // A kill that lands in a step charges it an attempt: retried at once, far more often than the test kills.
            private static readonly StepConfig Config = new() { Retries = new RetryPolicy(100, TimeSpan.Zero, Backoff.Constant) };

            public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var values = new List<string>();
                for (var i = 0; i < 4; i++)
                {
                    values.Add(await Effect(step, e, "work"));
                }

                values.AddRange(await Task.WhenAll(Effect(step, e, "fan-a"), Effect(step, e, "fan-b")));
                values.Add(await Effect(step, e, "close"));
                return "v{{version}} " + string.Join(",", values);
            }

            private static Task<string> Effect(WorkflowStep step, WorkflowEvent<int> e, string name) =>
                step.Do(name, Config, async ctx =>
                {
                    var value = Guid.NewGuid().ToString("n");
                    // Half the side effects come first thing, right after the step before returned (a kill then shows whether
                    // that one was committed first); the others at a random moment of the work, so a kill may come before them.
                    var before = Random.Shared.Next(2) == 0 ? 0 : Random.Shared.Next(e.Payload + 1);
                    await Task.Delay(before, ctx.CancellationToken);
                    Console.WriteLine("{{EffectPrefix}}" + e.InstanceId + " " + ctx.Name + "#" + ctx.Count + " " + value);
                    await Task.Delay(e.Payload - before, ctx.CancellationToken);
                    return value;
                });
        }
        """);

    /// <summary>The result an instance pinned to <paramref name="version"/> returns with these step values.</summary>
    public static string Result(int version, IEnumerable<string> values) => $"v{version} {string.Join(",", values)}";
}
