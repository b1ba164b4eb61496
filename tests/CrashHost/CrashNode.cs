using Microsoft.Extensions.Logging;
using Skein.Host.Engine;

namespace Skein.CrashHost;

/// <summary>What every mode of the crash host starts with: its console loggers and the engine with tenant <c>t1</c>.</summary>
internal static class CrashNode
{
    public const string Tenant = "t1";

    /// <summary>Warnings and worse, one line each, on stderr (stdout carries the mode's answers).</summary>
    public static ILoggerFactory Loggers() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(console => console.SingleLine = true)
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

    /// <summary>Starts the engine on real time over <paramref name="options"/>' data folder, with tenant <see cref="Tenant"/>.</summary>
    public static StandaloneEngine Start(EngineOptions options, Type[] workflows, ILoggerFactory loggers)
    {
        var node = new StandaloneEngine(options, new StaticWorkflowResolver(workflows), TimeProvider.System, loggers);
        node.Start();
        if (!node.Runtimes.HasTenant(Tenant))
        {
            node.Runtimes.AddTenant(Tenant);
        }

        return node;
    }
}
