using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;

namespace Skein.Host.Tenants;

/// <summary>
/// The demo (<c>--Skein:Demo=true</c>): on an empty data folder it creates tenants with the sample workflows
/// deployed through the same path as an upload, keeps their keys in <c>{DataDir}/demo.json</c> (a convenience of
/// the demo only: real keys are shown once and stored hashed), and prints how to try it.
/// </summary>
internal sealed partial class DemoSetup(
    EngineOptions options,
    TenantRegistry registry,
    DeploymentService deployments,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSetup> logger) : IHostedService
{
    private static readonly (string Tenant, string Dll)[] Samples =
    [
        ("demo", "Samples.OrderSaga.dll"),
        ("demo-batch", "Samples.BatchJob.dll"),
        ("demo-agent", "Samples.AgentLoop.dll"),
    ];

    /// <summary>The admin key of a demo data folder: generated once and kept beside the data.</summary>
    public static string AdminKeyFor(string dataDir)
    {
        var file = Path.Combine(dataDir, "demo-admin-key");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(dataDir);
        var key = ApiKeys.NewKey();
        File.WriteAllText(file, key);
        return key;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Demo)
        {
            return Task.CompletedTask;
        }

        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                await SetUpAndPrintAsync();
            }
            catch (Exception error)
            {
                LogDemoFailed(logger, error);
            }
        }, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SetUpAndPrintAsync()
    {
        var keysFile = Path.Combine(options.DataDir, "demo.json");
        var keys = File.Exists(keysFile)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(keysFile))!
            : new Dictionary<string, string>();
        if (registry.List().Count == 0)
        {
            foreach (var (tenant, dll) in Samples)
            {
                var (_, key, _) = registry.Create(tenant, null);
                keys[tenant] = key;
                var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo-tenants", dll));
                await deployments.DeployAsync(tenant, bytes, UploadKind.Dll, dll);
            }

            await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(keys));
        }

        Print(keys.GetValueOrDefault("demo"));
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "The demo could not be set up")]
    private static partial void LogDemoFailed(ILogger logger, Exception error);

    private void Print(string? tenantKey)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var key = tenantKey ?? "<the demo tenant's key>";
        Console.WriteLine($"""

            Skein demo is running at {url}
              admin key:       {options.AdminKey}
              tenant 'demo':   {key}   (also demo-batch and demo-agent; keys in {Path.Combine(options.DataDir, "demo.json")})

            Start an order, approve it, and read its history:
              curl -s -X POST {url}/v1/tenants/demo/workflows/order/instances -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' -d '{"{"}"id":"order-1","params":{"{"}"orderId":"order-1","amount":42,"items":["book"],"coolOffSeconds":2{"}}"}'
              curl -s -X POST {url}/v1/tenants/demo/instances/order-1/events/approval -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' -d '{"{"}"approved":true,"by":"you"{"}"}'
              curl -s {url}/v1/tenants/demo/instances/order-1 -H 'Authorization: Bearer {key}'

            API reference: {url}/reference   OpenAPI: {url}/openapi/v1.json   Metrics: {url}/metrics
            """);
    }
}
