using Skein.Tests.Common;

namespace Skein.Bench.Backup;

/// <summary>
/// The tenant workflow of the backup benchmark: <c>steps</c> steps one after another, each returning <c>pad</c>
/// bytes of base64 text (random, so that the archive's deflate cannot shrink it to nothing). Around each step whose
/// body ran in this process it records the body's return → workflow resumed time, and returns the samples as
/// <c>resumedAt:latency;...</c> in <see cref="System.Diagnostics.Stopwatch"/> ticks (the tenant's assembly is
/// loaded in its own context, so the samples travel in the output, not through a static). With <c>sleepMs</c>, it
/// sleeps that long after each step.
/// </summary>
internal static class LoopDll
{
    public const string Workflow = "loop";

    public static byte[] Build() => TestAssemblies.Compile("Bench.BackupTenant", $$"""
        using System.Diagnostics;
        using System.Text;

        namespace BenchTenant;

        public sealed record LoopParams(int Steps, int Pad, int SleepMs);

        [Workflow("{{Workflow}}")]
        public sealed class Loop : Workflow<LoopParams, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<LoopParams> e, WorkflowStep step, CancellationToken ct)
            {
                var samples = new StringBuilder();
                for (var i = 0; i < e.Payload.Steps; i++)
                {
                    var seed = i;
                    long returnedAt = 0;
                    await step.Do("s", _ =>
                    {
                        var text = "";
                        if (e.Payload.Pad > 0)
                        {
                            var bytes = new byte[e.Payload.Pad * 3 / 4];
                            new Random(seed * 7919 + e.Payload.Pad).NextBytes(bytes);
                            text = Convert.ToBase64String(bytes);
                        }

                        returnedAt = Stopwatch.GetTimestamp();
                        return Task.FromResult(text);
                    });
                    if (returnedAt != 0)
                    {
                        var now = Stopwatch.GetTimestamp();
                        samples.Append(now).Append(':').Append(now - returnedAt).Append(';');
                    }

                    if (e.Payload.SleepMs > 0)
                    {
                        await step.Sleep("z", TimeSpan.FromMilliseconds(e.Payload.SleepMs));
                    }
                }

                return samples.ToString();
            }
        }
        """);
}
