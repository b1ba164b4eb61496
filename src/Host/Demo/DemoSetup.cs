using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;

using Skein.Host.Storage;
using Skein.Host.Tenants;

namespace Skein.Host.Demo;

/// <summary>
/// The demo (<c>--Skein:Demo=true</c>): creates tenants with the sample workflows deployed through the same path as an
/// upload, keeps their keys in <c>{DataDir}/demo.json</c> (a convenience of the demo only: real keys are shown once
/// and stored hashed), and prints how to try it. Each tenant is set up on its own terms — created if missing, given a
/// key if <c>demo.json</c> lacks a working one, deployed if it has no version — so a demo cut short by a crash or a
/// failure is completed by the next start. The banner is printed only when every tenant is ready; a failure stops the
/// host with exit code 1 instead.
/// </summary>
internal sealed partial class DemoSetup(
    EngineOptions options,
    Catalog catalog,
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
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(dataDir);
        var key = ApiKeys.NewKey();
        Storage.DurableFiles.WriteAtomically(file, System.Text.Encoding.UTF8.GetBytes(key));
        return key;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Demo)
        {
            return Task.CompletedTask;
        }

        // Owned by its own catch: a failed setup is logged and stops the host with exit code 1.
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                var keys = await SetUpAsync();
                Print(keys["demo"]);
            }
            catch (Exception error)
            {
                LogDemoFailed(logger, options.DataDir, error);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
        }, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Dictionary<string, string>> SetUpAsync()
    {
        var keys = new DemoKeys(Path.Combine(options.DataDir, "demo.json"));
        foreach (var (tenant, dll) in Samples)
        {
            if (registry.Find(tenant) is null)
            {
                // The key is saved before anything else can fail, so a later start finds it.
                keys.Save(tenant, registry.Create(tenant, null).ApiKey);
            }
            else if (keys.Get(tenant) is not { } key || registry.Authenticate(key)?.Tenant != tenant)
            {
                keys.Save(tenant, registry.IssueKey(tenant).ApiKey);
            }

            if (catalog.ListDeployments(tenant).Count == 0)
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo-tenants", dll));
                await deployments.DeployAsync(tenant, bytes, UploadKind.Dll, dll);
            }
        }

        return keys.All;
    }

    [LoggerMessage(EventId = EventIds.DemoSetupFailed, Level = LogLevel.Error,
        Message = "The demo could not be set up in {DataDir}; the host stops. The next start completes what is missing.")]
    private static partial void LogDemoFailed(ILogger logger, string dataDir, Exception error);

    private void Print(string tenantKey)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine($"""

            Skein demo is running at {url}
              data folder:     {options.DataDir}
              admin key:       {options.AdminKey}
              tenant 'demo':   {tenantKey}   (also demo-batch and demo-agent; keys in {Path.Combine(options.DataDir, "demo.json")})

            Start an order, approve it, and read its history:
              curl -s -X POST {url}/v1/tenants/demo/workflows/order/instances -H 'Authorization: Bearer {tenantKey}' -H 'Content-Type: application/json' -d '{"{"}"id":"order-1","params":{"{"}"orderId":"order-1","amount":42,"items":["book"],"coolOffSeconds":2{"}}"}'
              curl -s -X POST {url}/v1/tenants/demo/instances/order-1/events/approval -H 'Authorization: Bearer {tenantKey}' -H 'Content-Type: application/json' -d '{"{"}"approved":true,"by":"you"{"}"}'
              curl -s {url}/v1/tenants/demo/instances/order-1 -H 'Authorization: Bearer {tenantKey}'

            API reference: {url}/reference   OpenAPI: {url}/openapi/v1.json
            """);
    }
}
