namespace Skein.Bench.Http;

/// <summary>Command-line settings of the HTTP benchmark.</summary>
internal sealed record HttpBenchOptions
{
    /// <summary>Concurrent callers, each with one keep-alive connection.</summary>
    public int Clients { get; init; } = 64;

    /// <summary>Length of each measured window.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Load before each measured window, not counted (JIT, connections, caches).</summary>
    public int WarmUpSeconds { get; init; } = 5;

    /// <summary>Where the host's temporary data folder goes; a real disk, so that fsync counts.</summary>
    public string DataRoot { get; init; } = Path.GetTempPath();

    public static HttpBenchOptions Parse(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new HttpBenchOptions(), static (o, name, v) => name switch
        {
            "--clients" => o with { Clients = BenchArguments.Int(v) },
            "--seconds" => o with { Seconds = BenchArguments.Int(v) },
            "--warm-up" => o with { WarmUpSeconds = BenchArguments.Int(v, min: 0) },
            "--data-root" => o with { DataRoot = v },
            _ => throw BenchArguments.Unknown(name),
        });
}
