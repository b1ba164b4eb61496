using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Skein.Router.Moves;

/// <summary>Registers tenant moves: the journal, the node calls, the background runner, the journal's pruning and the test hook.</summary>
internal static class MoveSetup
{
    public static IServiceCollection AddTenantMoves(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MoveTestingOptions>().Bind(configuration.GetSection("Router:Testing")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MoveTestingOptions>, MoveTestingOptionsValidator>();
        services.AddOptions<MoveOptions>().Bind(configuration.GetSection("Router:Moves")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MoveOptions>, MoveOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MoveJournal>();
        services.AddSingleton<MoveNodeCalls>();
        services.AddSingleton<MoveKillSwitch>();
        services.AddSingleton<MoveRequests>();
        services.AddSingleton<MoveRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<MoveRunner>());
        services.AddSingleton<MovePruner>();
        services.AddHostedService(sp => sp.GetRequiredService<MovePruner>());
        return services;
    }
}
