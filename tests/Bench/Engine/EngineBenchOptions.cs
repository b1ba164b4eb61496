namespace Skein.Bench.Engine;

/// <summary>Command-line settings of the engine benchmark; the defaults are the figures the issue asks for.</summary>
internal sealed record EngineBenchOptions
{
    public int Instances { get; init; } = 2_000;

    public int SteadyInstances { get; init; } = 20_000;

    public int Steps { get; init; } = 10;

    public int InFlight { get; init; } = 200;

    /// <summary>Runs of each short scenario; the median is reported. 0 skips them.</summary>
    public int Repeat { get; init; } = 5;

    /// <summary>Runs of each steady-state scenario; the median is reported. 0 skips them.</summary>
    public int SteadyRepeat { get; init; } = 3;

    /// <summary>Instances in flight of the high-concurrency 16-tenant scenario.</summary>
    public int HighInFlight { get; init; } = 1_000;

    /// <summary>Runs of each kind (with and without fsync) for the fsync ratio; 0 skips it.</summary>
    public int FsyncRepeat { get; init; } = 3;

    /// <summary>Steps the instance of the wake measurement has run before it waits.</summary>
    public int WakeSteps { get; init; } = 5_000;

    /// <summary>Wakes measured (0 skips the measurement).</summary>
    public int Wakes { get; init; } = 20;

    /// <summary>Where the temporary data folders go; it must be a real disk (not tmpfs) for fsync to count.</summary>
    public string DataRoot { get; init; } = Path.GetTempPath();

    public static EngineBenchOptions Parse(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new EngineBenchOptions(), static (o, name, v) => name switch
        {
            "--instances" => o with { Instances = BenchArguments.Int(v) },
            "--steady-instances" => o with { SteadyInstances = BenchArguments.Int(v) },
            "--steps" => o with { Steps = BenchArguments.Int(v) },
            "--in-flight" => o with { InFlight = BenchArguments.Int(v) },
            "--repeat" => o with { Repeat = BenchArguments.Int(v, min: 0) },
            "--steady-repeat" => o with { SteadyRepeat = BenchArguments.Int(v, min: 0) },
            "--high-in-flight" => o with { HighInFlight = BenchArguments.Int(v) },
            "--fsync-repeat" => o with { FsyncRepeat = BenchArguments.Int(v, min: 0) },
            "--wake-steps" => o with { WakeSteps = BenchArguments.Int(v) },
            "--wakes" => o with { Wakes = BenchArguments.Int(v, min: 0) },
            "--data-root" => o with { DataRoot = v },
            _ => throw BenchArguments.Unknown(name),
        });
}
