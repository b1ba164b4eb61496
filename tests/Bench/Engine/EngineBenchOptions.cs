using System.Globalization;

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

    /// <summary>Where the temporary data folders go; it must be a real disk (not tmpfs) for fsync to count.</summary>
    public string DataRoot { get; init; } = Path.GetTempPath();

    public static EngineBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EngineBenchOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--instances" => options with { Instances = Int(value) },
                "--steady-instances" => options with { SteadyInstances = Int(value) },
                "--steps" => options with { Steps = Int(value) },
                "--in-flight" => options with { InFlight = Int(value) },
                "--repeat" => options with { Repeat = Int(value, min: 0) },
                "--steady-repeat" => options with { SteadyRepeat = Int(value, min: 0) },
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
