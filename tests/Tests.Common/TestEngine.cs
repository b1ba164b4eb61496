using Microsoft.Extensions.Time.Testing;
using Skein.Host.Api;
using Skein.Host.Backup;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Tests.Common;

/// <summary>
/// An engine on fake time over a temporary data folder, with one tenant ("t1") and the given workflow types.
/// <see cref="Restart"/> builds a new engine over the same folder, as a host restart would.
/// </summary>
internal sealed class TestEngine : IDisposable
{
    public const string Tenant = "t1";

    private readonly TempDataDir? _ownedDir;
    private readonly Type[] _workflows;
    private readonly Func<IWorkflowResolver, IWorkflowResolver>? _wrapResolver;
    private StandaloneEngine _node;

    public TestEngine(params Type[] workflows)
        : this(new TempDataDir(), owned: true, new EngineOptions(), workflows)
    {
    }

    public TestEngine(EngineOptions options, params Type[] workflows)
        : this(new TempDataDir(), owned: true, options, workflows)
    {
    }

    /// <summary>An engine whose workflow code is found through <paramref name="resolver"/>, wrapped around the usual one.</summary>
    public TestEngine(EngineOptions options, Func<IWorkflowResolver, IWorkflowResolver> resolver, params Type[] workflows)
        : this(new TempDataDir(), owned: true, options, workflows, resolver)
    {
    }

    /// <summary>An engine over a data folder made elsewhere (a golden log copied in by a test).</summary>
    public static TestEngine Over(TempDataDir dir, params Type[] workflows) => new(dir, owned: false, new EngineOptions(), workflows);

    private TestEngine(TempDataDir dir, bool owned, EngineOptions options, Type[] workflows,
        Func<IWorkflowResolver, IWorkflowResolver>? wrapResolver = null)
    {
        _wrapResolver = wrapResolver;
        _ownedDir = owned ? dir : null;
        DataDir = dir.Path;
        _workflows = workflows;
        Options = options;
        Options.DataDir = DataDir;
        _node = Build();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public EngineOptions Options { get; }

    /// <summary>What the engine logged at warning level or above, across restarts.</summary>
    public RecordingLoggers Logs { get; } = new();

    public string DataDir { get; }

    public WorkflowEngine Engine => _node.Engine;

    /// <summary>The tenants' runtimes the engine runs on (open, freeze, quiesce, remove).</summary>
    public TenantRuntimes Runtimes => _node.Runtimes;

    public Catalog Catalog => _node.Catalog;

    public TenantLog Log => (TenantLog)Runtimes.Runtime(Tenant).Log;

    /// <summary>Disposes the engine and starts a new one on the same data folder and clock.</summary>
    public void Restart()
    {
        _node.Dispose();
        _node = Build();
    }

    /// <summary>Stops the engine, lets fake time pass while it is down, and starts a new one on the same data folder.</summary>
    public void Restart(TimeSpan downtime)
    {
        _node.Dispose();
        Time.Advance(downtime);
        _node = Build();
    }

    public async Task<string> CreateAsync(string workflow, object? parameters = null, string? id = null)
    {
        var json = parameters is null ? null : System.Text.Json.JsonSerializer.Serialize(parameters, System.Text.Json.JsonSerializerOptions.Web);
        var created = await Engine.CreateAsync(Tenant, workflow, id, json);
        return created.Id;
    }

    public Task<string> WaitForStatusAsync(string id, params string[] statuses) =>
        WaitForAsync(id, s => statuses.Contains(s), string.Join(" or ", statuses));

    /// <summary>
    /// Waits for a status by its DESIGN §3 name (<c>deleted</c> when the instance is gone), as a client would, for up to
    /// <paramref name="deadline"/> (default <see cref="Eventually.DefaultDeadline"/>).
    /// </summary>
    public async Task<string> WaitForAsync(string id, Func<string, bool> until, string what, TimeSpan? deadline = null)
    {
        using var cancel = new CancellationTokenSource(deadline ?? Eventually.DefaultDeadline);
        try
        {
            return Name(await Engine.WaitForStatusAsync(Tenant, id, s => until(Name(s)), cancel.Token));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Instance {id} did not become {what}; it is {Describe(id).Status}.");
        }
    }

    /// <summary>The instance as the API describes it.</summary>
    public InstanceDescription Describe(string id) =>
        InstanceDescriber.Describe(Engine.Describe(Tenant, id) ?? throw new InvalidOperationException($"Instance {id} does not exist."));

    /// <summary>Waits until the instance's log satisfies <paramref name="condition"/>.</summary>
    public Task<InstanceDescription> WaitForLogAsync(string id, Func<InstanceDescription, bool> condition, string what,
        TimeSpan? deadline = null) =>
        Eventually.Until(() => Describe(id), condition, what, deadline);

    public void Advance(TimeSpan by) => Time.Advance(by);

    private static string Name(InstanceStatus? status) => status?.Name ?? "deleted";

    /// <summary>
    /// Waits until the engine has nothing left to do (see <c>TenantRuntime.IsIdle</c>) with exactly
    /// <paramref name="stepBodiesRunning"/> step bodies running: after advancing fake time, call this before asserting
    /// that something did not happen, so a wake-up on its way has landed (or is proven not to come).
    /// </summary>
    public Task WaitUntilIdleAsync(int stepBodiesRunning = 0) =>
        Eventually.Until(() => Runtimes.Runtime(Tenant).IsIdle(stepBodiesRunning),
            $"the engine to be idle with {stepBodiesRunning} step bodies running");

    /// <summary>
    /// Waits until the engine is idle, advances fake time, then waits until it is idle again: the wake-ups due by then
    /// have all run. Settling first keeps a wake from landing while a run that just wrote <c>waiting</c> is still
    /// leaving memory (it would carry that run on instead of starting the next one, as a later wake does).
    /// </summary>
    public async Task AdvanceAndSettleAsync(TimeSpan by, int stepBodiesRunning = 0)
    {
        await WaitUntilIdleAsync(stepBodiesRunning);
        Time.Advance(by);
        await WaitUntilIdleAsync(stepBodiesRunning);
    }

    public void Dispose()
    {
        _node.Dispose();
        _ownedDir?.Dispose();
    }

    private IWorkflowResolver Resolver()
    {
        var resolver = new StaticWorkflowResolver(_workflows);
        return _wrapResolver is null ? resolver : _wrapResolver(resolver);
    }

    private StandaloneEngine Build()
    {
        var node = new StandaloneEngine(Options, Resolver(), Time, Logs,
            catalog => [new RestoreJournalRepair(Options, catalog)]);
        node.Start();
        if (!node.Runtimes.HasTenant(Tenant))
        {
            node.Runtimes.AddTenant(Tenant);
        }

        return node;
    }
}
