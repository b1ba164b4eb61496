namespace Skein.Host.Storage;

/// <summary>
/// Opens the node catalog at start, right after the data folder's lock is taken and before any other part of the
/// host reads it.
/// </summary>
internal sealed class CatalogOpening(Catalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(catalog.Open, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
