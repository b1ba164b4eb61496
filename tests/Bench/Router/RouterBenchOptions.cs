namespace Skein.Bench.Router;

/// <summary>Command-line settings of the router benchmark.</summary>
internal sealed record RouterBenchOptions
{
    /// <summary>Interleaved request pairs measured for the overhead (after as many warm-up pairs as a quarter of it).</summary>
    public int Requests { get; init; } = 4000;

    /// <summary>Concurrent create+wait callers in the throughput windows.</summary>
    public int Clients { get; init; } = 32;

    public int Seconds { get; init; } = 10;

    public int WarmUpSeconds { get; init; } = 5;

    /// <summary>Size the large tenant's log is filled to before it is moved.</summary>
    public int MoveMb { get; init; } = 100;

    public string DataRoot { get; init; } = Path.GetTempPath();

    public static RouterBenchOptions Parse(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new RouterBenchOptions(), static (o, name, v) => name switch
        {
            "--requests" => o with { Requests = BenchArguments.Int(v) },
            "--clients" => o with { Clients = BenchArguments.Int(v) },
            "--seconds" => o with { Seconds = BenchArguments.Int(v) },
            "--warm-up" => o with { WarmUpSeconds = BenchArguments.Int(v, min: 0) },
            "--move-mb" => o with { MoveMb = BenchArguments.Int(v) },
            "--data-root" => o with { DataRoot = v },
            _ => throw BenchArguments.Unknown(name),
        });
}
