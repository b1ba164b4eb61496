using System.Globalization;

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

    public static PluginBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PluginBenchOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--loads" => options with { Loads = Int(value, min: 2) },
                "--unloads" => options with { Unloads = Int(value) },
                "--cycles" => options with { Cycles = Int(value) },
                "--tenants" => options with { Tenants = Int(value) },
                "--swap-clients" => options with { SwapClients = Int(value) },
                "--swaps" => options with { Swaps = Int(value) },
                "--data-root" => options with { DataRoot = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return args.Count % 2 == 0 ? options : throw new ArgumentException($"Option {args[^1]} has no value.");
    }

    private static int Int(string value, int min = 1) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new ArgumentException($"'{value}' is not a whole number of at least {min}.");
}
