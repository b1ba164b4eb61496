using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// The engine over a data folder without the web host's container, wired as <c>AddSkeinEngine</c> wires it: the crash
/// host, the benchmarks and the engine's tests build one.
/// </summary>
internal sealed class StandaloneEngine : IDisposable
{
    public StandaloneEngine(EngineOptions options, IWorkflowResolver resolver, TimeProvider time, ILoggerFactory loggers,
        Func<Catalog, IEnumerable<ITenantFolderRepair>>? repairs = null, Catalog? catalog = null)
    {
        Options = options;
        Catalog = catalog ?? new Catalog(new DataFolder(options.DataDir));
        Runtimes = new TenantRuntimes(options, Catalog, resolver, time, repairs?.Invoke(Catalog) ?? [], loggers);
        Engine = new WorkflowEngine(Runtimes, resolver, time);
    }

    public EngineOptions Options { get; }

    public Catalog Catalog { get; }

    public TenantRuntimes Runtimes { get; }

    public WorkflowEngine Engine { get; }

    /// <summary>Opens the catalog and every tenant, and resumes all unfinished work, as the host's start does.</summary>
    public void Start()
    {
        Catalog.Open();
        Runtimes.Start();
    }

    public void Dispose() => Runtimes.Dispose();
}
