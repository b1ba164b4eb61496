using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Skein.Host.Engine;

namespace Skein.Bench.Engine;

/// <summary>
/// An in-process engine for one benchmark: started over a fresh data folder under the bench's data root, with the
/// given workflows and tenants, on the real clock. Disposing it stops the engine, clears SQLite's connection pools
/// (so no file of the folder stays open) and deletes the folder.
/// </summary>
internal sealed class BenchEngine : IDisposable
{
    private readonly TempDirectory _dir;

    private BenchEngine(TempDirectory dir, StandaloneEngine node)
    {
        _dir = dir;
        Node = node;
    }

    public StandaloneEngine Node { get; }

    public WorkflowEngine Engine => Node.Engine;

    /// <param name="dataRoot">The folder the data folder is made in.</param>
    /// <param name="workflows">The workflow types every tenant runs.</param>
    /// <param name="options">The engine's options for a data folder; by default only the folder is set.</param>
    /// <param name="tenants">The tenants added once the engine has started.</param>
    public static BenchEngine Start(string dataRoot, Type[] workflows, Func<string, EngineOptions>? options, params string[] tenants)
    {
        var dir = new TempDirectory(dataRoot);
        var node = new StandaloneEngine(options?.Invoke(dir.Path) ?? new EngineOptions { DataDir = dir.Path },
            new StaticWorkflowResolver(workflows), TimeProvider.System, NullLoggerFactory.Instance);
        var bench = new BenchEngine(dir, node);
        try
        {
            node.Start();
            foreach (var tenant in tenants)
            {
                node.Runtimes.AddTenant(tenant);
            }

            return bench;
        }
        catch
        {
            bench.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Node.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
