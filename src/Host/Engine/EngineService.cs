namespace Skein.Host.Engine;

/// <summary>Starts the engine (recovering every tenant) with the host and stops it with the host.</summary>
internal sealed class EngineService(WorkflowEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(engine.Start, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.Dispose();
        return Task.CompletedTask;
    }
}
