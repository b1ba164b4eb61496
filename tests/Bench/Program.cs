using Skein.Bench.Backup;
using Skein.Bench.Engine;
using Skein.Bench.Http;
using Skein.Bench.Plugins;
using Skein.Bench.Router;

const string Usage = """
    usage: dotnet run -c Release --project tests/Bench -- engine [--instances N] [--steady-instances N] [--steps N]
                                                                [--in-flight N] [--repeat N] [--steady-repeat N] [--data-root DIR]
           dotnet run -c Release --project tests/Bench -- engine-telemetry [--instances N] [--steps N] [--in-flight N] [--repeat N]
           dotnet run -c Release --project tests/Bench -- telemetry-path [--repeat N]
           dotnet run -c Release --project tests/Bench -- telemetry-interleaved [--steps N] [--in-flight N] [--repeat N (windows of each, 10)]
           dotnet run -c Release --project tests/Bench -- plugins [--loads N] [--unloads N] [--cycles N] [--tenants N]
                                                                 [--swap-clients N] [--swaps N] [--data-root DIR]
           dotnet run -c Release --project tests/Bench -- http [--clients N] [--seconds N] [--warm-up N] [--data-root DIR]
           dotnet run -c Release --project tests/Bench -- backup [--log-mb N] [--drivers N] [--baseline-seconds N] [--data-root DIR]
           dotnet run -c Release --project tests/Bench -- router [--requests N] [--clients N] [--seconds N] [--warm-up N] [--move-mb N] [--data-root DIR]
           dotnet run -c Release --project tests/Bench -- recovery [--running N] [--waiting N] [--sleeping N] [--due-sleeping N]
                                                                  [--repeat N] [--data-root DIR]
           dotnet run -c Release --project tests/Bench -- tenants [FD-LIMIT (1024)] [TARGET (2000)]
    """;

try
{
    switch (args.FirstOrDefault())
    {
        case "engine":
            await EngineBenchmark.RunAsync(EngineBenchOptions.Parse(args[1..]));
            return 0;
        case "engine-telemetry":
            await TelemetryOverhead.RunAloneAsync(EngineBenchOptions.Parse(args[1..]));
            return 0;
        case "telemetry-interleaved":
            await TelemetryOverhead.RunInterleavedAloneAsync(EngineBenchOptions.Parse(args[1..]));
            return 0;
        case "telemetry-path":
            TelemetryOverhead.RunPathAlone(EngineBenchOptions.Parse(args[1..]));
            return 0;
        case "engine-run":
            return await ChildRun.RunInnerAsync(args[1..]);
        case "recovery":
            await Skein.Bench.Recovery.RecoveryBenchmark.RunAsync(Skein.Bench.Recovery.RecoveryBenchOptions.Parse(args[1..]));
            return 0;
        case "plugins":
            await PluginBenchmark.RunAsync(PluginBenchOptions.Parse(args[1..]));
            return 0;
        case "http":
            await HttpBenchmark.RunAsync(HttpBenchOptions.Parse(args[1..]));
            return 0;
        case "backup":
            await BackupBenchmark.RunAsync(BackupBenchOptions.Parse(args[1..]));
            return 0;
        case "router":
            await RouterBenchmark.RunAsync(RouterBenchOptions.Parse(args[1..]));
            return 0;
        case "tenants":
            return await Skein.Bench.Tenants.TenantDensityBenchmark.RunAsync(args[1..]);
        case "tenants-inner":
            return await Skein.Bench.Tenants.TenantDensityBenchmark.RunInnerAsync(args[1..]);
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
