using Skein.Host.Engine;
using Skein.Host.Tenants;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A request for a tenant being restored waits for the restore (at most a minute, then 409) without holding a thread:
/// many such requests must not starve the thread pool, and nothing else waits for another tenant's restore.
/// </summary>
public sealed class RestoreWaitTests : IDisposable
{
    private readonly TestEngine _t = new();

    [Fact]
    public async Task Requests_during_a_restore_hold_no_thread_and_get_the_reopened_runtime()
    {
        _t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        // Every call returns, pending, while the restore still runs: a blocking wait would hold the calling thread
        // until the restore ends, so the calls would not all have returned before it.
        var calls = Task.Run(() => Enumerable.Range(0, 500).Select(_ => _t.Runtimes.RuntimeAsync(TestEngine.Tenant).AsTask()).ToList());
        var waits = await calls.WaitAsync(Eventually.DefaultDeadline);
        Assert.Equal(500, waits.Count(w => !w.IsCompleted));

        _t.Runtimes.ReopenTenant(TestEngine.Tenant);
        var bound = await Task.WhenAll(waits).WaitAsync(Eventually.DefaultDeadline);

        var reopened = _t.Runtimes.Runtime(TestEngine.Tenant);
        Assert.All(bound, runtime => Assert.Same(reopened, runtime));
        Assert.False(reopened.IsStopped);
    }

    [Fact]
    public async Task A_request_that_waits_a_minute_for_a_restore_gets_409()
    {
        _t.Runtimes.QuiesceTenant(TestEngine.Tenant);
        var waiting = _t.Runtimes.RuntimeAsync(TestEngine.Tenant).AsTask();

        _t.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiting.IsCompleted);
        _t.Time.Advance(TimeSpan.FromSeconds(1));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => waiting.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal("Tenant 't1' is being restored; retry shortly.", refused.Message);
        _t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task A_tenant_operation_does_not_wait_for_another_tenants_restore()
    {
        var registry = new TenantRegistry(_t.Catalog, _t.Runtimes, new TenantDirectory(), _t.Options, _t.Time);
        registry.Load();
        registry.Create("other", null);
        _t.Runtimes.QuiesceTenant("other");

        // Re-reading the registry applies every tenant's limits; the one being restored is skipped, not waited for.
        var issued = await Task.Run(() => registry.IssueKey(TestEngine.Tenant)).WaitAsync(Eventually.DefaultDeadline);

        Assert.NotNull(registry.Authenticate(issued.ApiKey));
        _t.Runtimes.ReopenTenant("other");
    }

    public void Dispose() => _t.Dispose();
}
