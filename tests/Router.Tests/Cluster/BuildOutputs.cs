using System.Reflection;

namespace Skein.Router.Tests.Cluster;

/// <summary>Where the test build put the programs the tests run (see the project file).</summary>
internal static class BuildOutputs
{
    public static string HostDll { get; } = Read("Skein.HostPath");

    public static string RouterDll { get; } = Read("Skein.RouterPath");

    public static string OrderSagaDll { get; } = Read("Skein.OrderSagaPath");

    public static string RunScript { get; } = Read("Skein.RunScript");

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private static string Read(string key) => typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
