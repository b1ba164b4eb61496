using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Skein.Host.Plugins;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// The versions loaded on a node, with real tenant assemblies: each is loaded once, on first use, into a context of
/// its own; past the cap the least recently used one is unloaded; an unloaded version's context is collected, and
/// one that something still holds is counted as not collected.
/// </summary>
public sealed class LoadedVersionsTests : IDisposable
{
    private readonly VersionFolders _folders = new();

    [Fact]
    public void A_version_is_loaded_once_on_first_use_and_resolves_its_workflows_by_name()
    {
        _folders.Write("acme", 1);
        using var versions = _folders.Versions();
        Assert.Equal(0, versions.Count);

        var loaded = versions.Get("acme", 1);

        Assert.NotNull(loaded);
        Assert.Same(loaded, versions.Get("acme", 1));
        Assert.Equal(1, versions.Count);
        Assert.Equal([1], versions.LoadedVersionsOf("acme"));
        var greet = versions.Resolve("acme", 1, "greet");
        Assert.NotNull(greet);
        Assert.Equal("greet", greet.Name);
        Assert.Equal(1, greet.Version);
        Assert.Equal("Versioned.Order", greet.ParamsType.FullName);
        Assert.Null(versions.Resolve("acme", 1, "nope"));
        Assert.Equal(["count", "greet"], versions.WorkflowsOf("acme", 1).Select(w => w.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_version_has_its_own_load_context_and_its_code_is_loaded_from_bytes()
    {
        _folders.Write("acme", 1);
        _folders.Write("acme", 2);
        using var versions = _folders.Versions();

        var one = versions.Resolve("acme", 1, "greet")!;
        var two = versions.Resolve("acme", 2, "greet")!;

        Assert.NotSame(one.ParamsType, two.ParamsType);
        Assert.NotSame(versions.Get("acme", 1)!.Context.Target, versions.Get("acme", 2)!.Context.Target);
        // Loaded in memory: the version's file is not mapped, so the context owns no file handle.
        Assert.Equal("", one.ParamsType.Assembly.Location);
        Assert.True(one.ParamsType.Assembly.IsCollectible);
    }

    [Fact]
    public void A_version_the_tenant_does_not_have_loads_nothing()
    {
        _folders.Write("acme", 1);
        using var versions = _folders.Versions();

        Assert.Null(versions.Get("acme", 2));
        Assert.Null(versions.Get("other", 1));
        Assert.Null(versions.Resolve("acme", 2, "greet"));
        Assert.Empty(versions.WorkflowsOf("acme", 2));
        Assert.Equal(0, versions.Count);
        Assert.Empty(versions.LoadedVersionsOf("acme"));
    }

    [Fact]
    public void Past_the_cap_the_least_recently_used_version_is_unloaded_and_collected()
    {
        for (var v = 1; v <= 3; v++)
        {
            _folders.Write("acme", v);
        }

        var unloaded = new UnloadedContexts(NullLogger<UnloadedContexts>.Instance);
        using var versions = _folders.Versions(maxLoaded: 2, unloaded);
        var two = LoadTwoThenUseOne(versions);

        Assert.NotNull(versions.Get("acme", 3));

        Assert.Equal([1, 3], versions.LoadedVersionsOf("acme").Order());
        Assert.Equal(2, versions.Count);
        Assert.Equal(1, unloaded.Watched);
        Assert.True(Collection.Collected(two), "the evicted version 2 is still loaded");
        unloaded.Check();
        Assert.Equal(0, unloaded.Watched);

        // Loaded again when an instance needs it, in a new context; the least recently used goes in its place.
        Assert.NotNull(versions.Resolve("acme", 2, "greet"));
        Assert.Equal(2, versions.Count);
        Assert.Contains(2, versions.LoadedVersionsOf("acme"));
    }

    [Fact]
    public void An_unloaded_version_is_collected_and_loaded_afresh_on_its_next_use()
    {
        _folders.Write("acme", 1);
        var unloaded = new UnloadedContexts(NullLogger<UnloadedContexts>.Instance);
        using var versions = _folders.Versions(unloaded: unloaded);
        var first = LoadAndUnload(versions, "acme", 1);

        Assert.NotNull(first);
        Assert.Equal(0, versions.Count);
        Assert.Empty(versions.LoadedVersionsOf("acme"));
        Assert.Equal(1, unloaded.Watched);
        Assert.True(Collection.Collected(first), "the unloaded version is still loaded");
        Assert.Null(versions.Unload("acme", 1));

        var again = versions.Resolve("acme", 1, "count");
        Assert.NotNull(again);
        Assert.Equal("count", again.Name);
        Assert.Equal(typeof(int), again.ParamsType);
        Assert.Equal(1, versions.Count);
    }

    [Fact]
    public void A_disposed_version_lists_no_workflows()
    {
        _folders.Write("acme", 1);
        using var versions = _folders.Versions();
        var loaded = versions.Get("acme", 1)!;
        Assert.Equal(2, loaded.Workflows.Count());

        versions.Unload("acme", 1);

        Assert.Empty(loaded.Workflows);
        Assert.Null(loaded.Find("greet"));
    }

    [Fact]
    public void Unloading_a_tenant_unloads_all_its_versions_and_none_of_another_tenant()
    {
        _folders.Write("acme", 1);
        _folders.Write("acme", 2);
        _folders.Write("bolt", 1);
        using var versions = _folders.Versions();
        var contexts = LoadAll(versions, ("acme", 1), ("acme", 2), ("bolt", 1));

        versions.UnloadTenant("acme");

        Assert.Empty(versions.LoadedVersionsOf("acme"));
        Assert.Equal([1], versions.LoadedVersionsOf("bolt"));
        Assert.Equal(1, versions.Count);
        Assert.True(Collection.Collected(contexts[0]) && Collection.Collected(contexts[1]), "a version of acme is still loaded");
        Assert.NotNull(versions.Resolve("bolt", 1, "greet"));
    }

    [Fact]
    public void Disposing_the_set_unloads_every_version()
    {
        _folders.Write("acme", 1);
        _folders.Write("bolt", 1);
        var versions = _folders.Versions();
        var contexts = LoadAll(versions, ("acme", 1), ("bolt", 1));

        versions.Dispose();

        Assert.Equal(0, versions.Count);
        Assert.True(Collection.Collected(contexts[0]) && Collection.Collected(contexts[1]), "a version is still loaded after the set was disposed");
    }

    [Fact]
    public void An_unloaded_version_whose_type_is_still_held_is_counted_as_not_collected()
    {
        _folders.Write("acme", 1);
        var unloaded = new UnloadedContexts(NullLogger<UnloadedContexts>.Instance);
        using var versions = _folders.Versions(unloaded: unloaded);
        var held = versions.Resolve("acme", 1, "greet")!;
        versions.Unload("acme", 1);

        for (var i = 0; i < UnloadedContexts.CollectionsBeforeReport + 1; i++)
        {
            unloaded.Check();
        }

        Assert.Equal(1, versions.NotCollected);
        GC.KeepAlive(held);
    }

    [Fact]
    public void Without_a_watch_unloading_still_works_and_nothing_is_counted()
    {
        _folders.Write("acme", 1);
        using var versions = _folders.Versions();
        var context = LoadAndUnload(versions, "acme", 1);

        Assert.NotNull(context);
        Assert.Equal(0, versions.NotCollected);
        Assert.True(Collection.Collected(context), "the unloaded version is still loaded");
    }

    [Fact]
    public void A_version_whose_code_serialized_its_own_type_with_the_default_options_is_collected_once_unloaded()
    {
        _folders.Write("acme", 1);
        using var versions = _folders.Versions();
        var context = SerializeThenUnload(versions);

        Assert.True(Collection.Collected(context), "System.Text.Json's shared caches keep the unloaded version alive");
    }

    public void Dispose() => _folders.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadTwoThenUseOne(LoadedVersions versions)
    {
        var one = versions.Get("acme", 1)!;
        var two = versions.Get("acme", 2)!;
        // Version 1 is used after version 2 was loaded, on a later tick of the clock the set orders them by.
        var loadedAt = Environment.TickCount64;
        SpinWait.SpinUntil(() => Environment.TickCount64 > loadedAt);
        Assert.NotNull(versions.Resolve("acme", 1, "greet"));
        GC.KeepAlive(one);
        return two.Context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference? LoadAndUnload(LoadedVersions versions, string tenant, int version)
    {
        Assert.NotNull(versions.Resolve(tenant, version, "greet"));
        return versions.Unload(tenant, version);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] LoadAll(LoadedVersions versions, params (string Tenant, int Version)[] which) =>
        [.. which.Select(w => versions.Get(w.Tenant, w.Version)!.Context)];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference SerializeThenUnload(LoadedVersions versions)
    {
        var type = versions.Resolve("acme", 1, "greet")!.ParamsType.Assembly.GetType("Versioned.SelfJson", throwOnError: true)!;
        Assert.Equal("{\"Name\":\"s\",\"Size\":3}", type.GetMethod("Write")!.Invoke(null, null));
        return versions.Unload("acme", 1)!;
    }
}
