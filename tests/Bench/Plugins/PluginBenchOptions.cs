namespace Skein.Bench.Plugins;

/// <summary>Command-line settings of the plugin benchmark.</summary>
internal sealed record PluginBenchOptions
{
    /// <summary>Versions loaded one after another; the first is the process's first load, the rest warm loads.</summary>
    public int Loads { get; init; } = 21;

    /// <summary>Versions unloaded (each after running an instance) and waited for until collected.</summary>
    public int Unloads { get; init; } = 20;

    /// <summary>Upload/retire cycles measured for memory growth.</summary>
    public int Cycles { get; init; } = 200;

    /// <summary>Tenants loaded at once, each with one version, to measure memory per active tenant.</summary>
    public int Tenants { get; init; } = 200;

    /// <summary>Concurrent HTTP callers creating instances while new versions are uploaded.</summary>
    public int SwapClients { get; init; } = 16;

    /// <summary>New versions uploaded under load.</summary>
    public int Swaps { get; init; } = 10;

    /// <summary>Where the temporary data folders go; a real disk, so that fsync counts.</summary>
    public string DataRoot { get; init; } = Path.GetTempPath();

    public static PluginBenchOptions Parse(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new PluginBenchOptions(), static (o, name, v) => name switch
        {
            "--loads" => o with { Loads = BenchArguments.Int(v, min: 2) },
            "--unloads" => o with { Unloads = BenchArguments.Int(v) },
            "--cycles" => o with { Cycles = BenchArguments.Int(v) },
            "--tenants" => o with { Tenants = BenchArguments.Int(v) },
            "--swap-clients" => o with { SwapClients = BenchArguments.Int(v) },
            "--swaps" => o with { Swaps = BenchArguments.Int(v) },
            "--data-root" => o with { DataRoot = v },
            _ => throw BenchArguments.Unknown(name),
        });
}
