using System.Globalization;

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

    public static HttpBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HttpBenchOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--clients" => options with { Clients = Int(value) },
                "--seconds" => options with { Seconds = Int(value) },
                "--warm-up" => options with { WarmUpSeconds = Int(value, min: 0) },
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
