using System.Globalization;

namespace Skein.Bench.Backup;

/// <summary>Command-line settings of the backup benchmark.</summary>
internal sealed record BackupBenchOptions
{
    /// <summary>Target size of the tenant log before the backup, in MiB.</summary>
    public int LogMb { get; init; } = 1024;

    /// <summary>Closed-loop drivers of the steady step load during the backup.</summary>
    public int Drivers { get; init; } = 8;

    /// <summary>Seconds of steady load before the backup starts (the baseline window is taken from its end).</summary>
    public int BaselineSeconds { get; init; } = 30;

    /// <summary>Where the temporary data folders go; it must be a real disk (not tmpfs) for fsync to count.</summary>
    public string DataRoot { get; init; } = Path.GetTempPath();

    public static BackupBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BackupBenchOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--log-mb" => options with { LogMb = Int(value) },
                "--drivers" => options with { Drivers = Int(value) },
                "--baseline-seconds" => options with { BaselineSeconds = Int(value) },
                "--data-root" => options with { DataRoot = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return args.Count % 2 == 0 ? options : throw new ArgumentException($"Option {args[^1]} has no value.");
    }

    private static int Int(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw new ArgumentException($"'{value}' is not a whole number of at least 1.");
}
