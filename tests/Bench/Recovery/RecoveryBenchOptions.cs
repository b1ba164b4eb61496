namespace Skein.Bench.Recovery;

/// <summary>Command-line settings of the recovery benchmark; the defaults are the load the issue names.</summary>
internal sealed record RecoveryBenchOptions
{
    /// <summary>Instances running a step when the host is killed (at most the tenant's concurrency limit, 1,000).</summary>
    public int Running { get; init; } = 1_000;

    /// <summary>Instances waiting for an event (not due after the restart).</summary>
    public int Waiting { get; init; } = 3_000;

    /// <summary>Instances sleeping for an hour (not due).</summary>
    public int Sleeping { get; init; } = 3_000;

    /// <summary>Instances whose sleep ends while the host is down (due at the restart).</summary>
    public int DueSleeping { get; init; } = 3_000;

    /// <summary>Runs (each a fresh data folder, kill, restart); the median is reported.</summary>
    public int Repeat { get; init; } = 3;

    public string DataRoot { get; init; } = Path.GetTempPath();

    public int Total => Running + Waiting + Sleeping + DueSleeping;

    public static RecoveryBenchOptions Parse(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new RecoveryBenchOptions(), static (o, name, v) => name switch
        {
            "--running" => o with { Running = BenchArguments.Int(v, min: 0) },
            "--waiting" => o with { Waiting = BenchArguments.Int(v, min: 0) },
            "--sleeping" => o with { Sleeping = BenchArguments.Int(v, min: 0) },
            "--due-sleeping" => o with { DueSleeping = BenchArguments.Int(v, min: 0) },
            "--repeat" => o with { Repeat = BenchArguments.Int(v) },
            "--data-root" => o with { DataRoot = v },
            _ => throw BenchArguments.Unknown(name),
        });
}
