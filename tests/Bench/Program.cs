using Skein.Bench.Engine;

const string Usage = """
    usage: dotnet run -c Release --project tests/Bench -- engine [--instances N] [--steady-instances N] [--steps N]
                                                                [--in-flight N] [--repeat N] [--steady-repeat N] [--data-root DIR]
    """;

if (args.Length == 0 || args[0] != "engine")
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    await EngineBenchmark.RunAsync(EngineBenchOptions.Parse(args[1..]));
    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
