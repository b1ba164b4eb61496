using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.TenantSdk.Testing;

/// <summary>The real engine over a data folder, with the one test tenant open, as a host node builds it.</summary>
internal sealed class EngineNode : IDisposable
{
    public const string Tenant = "test";

    private readonly StandaloneEngine _engine;

    public EngineNode(string dataDir, IWorkflowResolver resolver, TimeProvider time, ILoggerFactory loggers)
    {
        _engine = new StandaloneEngine(new EngineOptions { DataDir = dataDir }, resolver, time, loggers);
        _engine.Start();
        if (!_engine.Runtimes.HasTenant(Tenant))
        {
            _engine.Runtimes.AddTenant(Tenant);
        }
    }

    public WorkflowEngine Engine => _engine.Engine;

    public TenantRuntime Runtime => _engine.Runtimes.Runtime(Tenant);

    public TenantLog Log => (TenantLog)Runtime.Log;

    /// <summary>True when no engine work is in flight: every wake-up due by the clock's reading has run.</summary>
    public bool IsIdle => Runtime.IsIdle();

    public void Dispose()
    {
        _engine.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
