using Skein.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Skein.Host.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// The half-minute round that unloads versions no longer needed: a version kept loaded for its last unfinished
/// instance is unloaded (and collected) at the first round after that instance finished, never before; the active
/// version stays.
/// </summary>
public sealed class VersionRetirementServiceTests : IDisposable
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(30);

    private readonly PluginNode _node = new();

    [Fact]
    public async Task A_version_kept_for_an_unfinished_instance_is_unloaded_at_the_first_round_after_it_finished()
    {
        _node.Registry.Create("acme", null);
        await _node.DeployAsync("acme");
        var waiting = await _node.Engine.CreateAsync("acme", "greet", "o-1", """{"id":"o-1","wait":true}""");
        await _node.WaitForStatusAsync("acme", waiting.Id, "waiting");
        await _node.DeployAsync("acme");
        // The active version is loaded on first use and is never retired.
        Assert.Equal(2, _node.Resolver.ResolveActive("acme", "greet")?.Version);
        using var retirement = _node.Retirement();
        await retirement.StartAsync(CancellationToken.None);

        // Rounds pass while version 1 still has its waiting instance: it stays loaded.
        await Rounds(2);
        Assert.Equal([1, 2], _node.Versions.LoadedVersionsOf("acme").Order());

        await _node.Engine.SendEventAsync("acme", waiting.Id, "go", """{"who":"ann"}""");
        Assert.Equal("complete", await _node.WaitForStatusAsync("acme", waiting.Id, "complete"));
        Assert.Equal("\"hello o-1 and ann\"", _node.Engine.Describe("acme", waiting.Id)!.Instance.Output);
        Assert.Equal([1, 2], _node.Versions.LoadedVersionsOf("acme").Order());

        // The round unloads it and then checks the unloaded contexts: once collected, nothing is left watched.
        await Eventually.Until(() =>
        {
            _node.Time.Advance(Round);
            return _node.Versions.LoadedVersionsOf("acme").SequenceEqual([2]) && _node.Unloaded.Watched == 0;
        }, "version 1 to be unloaded and collected by a retirement round");
        Assert.Equal(0, _node.Versions.NotCollected);
        await retirement.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Every_tenant_is_visited_in_a_round()
    {
        foreach (var tenant in new[] { "acme", "bolt" })
        {
            _node.Registry.Create(tenant, null);
            await _node.DeployAsync(tenant);
            await _node.DeployAsync(tenant);
            // Version 1 used again after version 2 was made active (an instance of it being replayed, say).
            Assert.NotNull(_node.Resolver.Resolve(tenant, 1, "greet"));
            Assert.Equal(2, _node.Resolver.ResolveActive(tenant, "greet")?.Version);
            Assert.Equal([1, 2], _node.Versions.LoadedVersionsOf(tenant).Order());
        }

        using var retirement = _node.Retirement();
        await retirement.StartAsync(CancellationToken.None);

        await Eventually.Until(() =>
        {
            _node.Time.Advance(Round);
            return _node.Versions.Count == 2;
        }, "the idle version 1 of both tenants to be unloaded by a retirement round");
        Assert.Equal([2], _node.Versions.LoadedVersionsOf("acme"));
        Assert.Equal([2], _node.Versions.LoadedVersionsOf("bolt"));
        await retirement.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_tenant_whose_log_cannot_be_read_is_logged_and_the_round_goes_on_to_the_next_tenant()
    {
        foreach (var tenant in new[] { "acme", "bolt" })
        {
            _node.Registry.Create(tenant, null);
            await _node.DeployAsync(tenant);
            await _node.DeployAsync(tenant);
            Assert.NotNull(_node.Resolver.Resolve(tenant, 1, "greet"));
        }

        // acme's log loses its instances table: asking it whether version 1 is still needed fails.
        using (var connection = new SqliteConnection($"Data Source={((TenantLog)_node.Runtimes.Runtime("acme").Log).Path};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE instances";
            drop.ExecuteNonQuery();
        }

        var log = new RecordingLogger<VersionRetirementService>();
        using var retirement = _node.Retirement(log);
        await retirement.StartAsync(CancellationToken.None);

        await Eventually.Until(() =>
        {
            _node.Time.Advance(Round);
            return !_node.Versions.LoadedVersionsOf("bolt").Contains(1);
        }, "bolt's idle version 1 to be unloaded in a round where acme's failed");
        Assert.Contains(1, _node.Versions.LoadedVersionsOf("acme"));
        var warning = log.Entries.First(e => e.Id == 8110);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("acme", warning.Tenant);
        Assert.Equal("Unloading the idle versions of tenant acme failed; it is tried again at the next round", warning.Message);
        await retirement.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _node.Dispose();

    /// <summary>Lets <paramref name="count"/> rounds pass: each advance fires the round's timer once it waits on it.</summary>
    private async Task Rounds(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _node.Time.Advance(Round);
            await Task.Yield();
        }
    }
}
