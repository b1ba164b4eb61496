using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Skein.Dashboard;
using Skein.Router.Api;
using Skein.Router.Forwarding;
using Skein.Router.Moves;
using Skein.Router.Nodes;
using Skein.Router.Placement;
using Skein.Router.Telemetry;
using Yarp.ReverseProxy.Configuration;

namespace Skein.Router;

/// <summary>Wires the router: options, placements, the nodes' health checks (YARP), forwarding and endpoints.</summary>
public static class RouterSetup
{
    /// <summary>Registers the router's services, bound from the <c>Router</c> configuration section.</summary>
    public static IServiceCollection AddSkeinRouter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RouterOptions>().Bind(configuration.GetSection("Router"))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                // Relative to the content root, once, as the host resolves Skein:DataDir.
                if (!string.IsNullOrWhiteSpace(o.DataDir))
                {
                    o.DataDir = Path.GetFullPath(o.DataDir, environment.ContentRootPath);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RouterOptions>, RouterOptionsValidator>();
        services.AddSingleton<NodeDirectory>();
        services.AddSingleton<NodeConnections>();
        services.AddSingleton<NodeHealth>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RouterDataFolder>();
        services.AddSingleton<PlacementStore>();
        services.AddSingleton<InFlightForwards>();
        services.AddSingleton<ForwardTimeouts>();
        services.AddSingleton<TenantForwarder>();
        services.AddSingleton<TenantCreation>();
        services.AddSingleton<TenantListing>();
        services.AddSingleton<PlacementRepoint>();
        services.AddSingleton<RouterAdminFilter>();
        services.AddSingleton<IProxyConfigProvider, NodeClusters>();
        services.AddTenantMoves(configuration);
        services.AddReverseProxy();
        services.AddProblemDetails();
        services.AddExceptionHandler<RouterErrorHandler>();
        services.AddRouterTelemetry(configuration);
        return services;
    }

    /// <summary>Maps the health endpoints, the router's admin API and the catch-all that forwards tenant requests.</summary>
    public static WebApplication MapSkeinRouter(this WebApplication app)
    {
        // Reads the options first, so a bad configuration fails here with every reason, before YARP sees the nodes.
        var options = app.Services.GetRequiredService<IOptions<RouterOptions>>().Value;
        var placements = app.Services.GetRequiredService<PlacementStore>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Skein.Router");
        foreach (var node in app.Services.GetRequiredService<NodeDirectory>().All)
        {
            RouterLog.NodeConfigured(logger, node.Id, node.Prefix, placements.CountOn(node.Id));
        }

        foreach (var orphans in placements.All().GroupBy(p => p.Node).Where(g => options.Nodes.All(n => n.Id != g.Key)))
        {
            RouterLog.PlacedOnUnknownNode(logger, orphans.Key, orphans.Count());
        }

        RouterStartLog.Register(app, options, logger);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/readyz", (NodeHealth health) => health.InitialProbeCompleted
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "probing nodes" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapRouterAdminEndpoints();
        app.MapMoveEndpoints();
        // Served here, not forwarded: the page is the same on every node, and its API calls come back to this origin.
        app.MapDashboard("/ui");
        // No YARP routes: this starts YARP's configuration and with it the active health checks of the node clusters.
        app.MapReverseProxy();
        var forwarder = app.Services.GetRequiredService<TenantForwarder>();
        app.Map("/{**path}", forwarder.ForwardAsync);
        return app;
    }
}
