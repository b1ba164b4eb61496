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

    public static BackupBenchOptions Parse(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new BackupBenchOptions(), static (o, name, v) => name switch
        {
            "--log-mb" => o with { LogMb = BenchArguments.Int(v) },
            "--drivers" => o with { Drivers = BenchArguments.Int(v) },
            "--baseline-seconds" => o with { BaselineSeconds = BenchArguments.Int(v) },
            "--data-root" => o with { DataRoot = v },
            _ => throw BenchArguments.Unknown(name),
        });
}
