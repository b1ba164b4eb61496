using Skein.Host.Engine;

namespace Skein.Host.Tests.Architecture;

/// <summary>
/// The host's folders depend on each other one way (docs/architecture.md, "Dependencies"): a type that makes two
/// folders reach each other (Engine ↔ Tenants, Plugins ↔ Tenants…) fails here, naming the types that do it.
/// </summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void No_two_folders_of_the_host_depend_on_each_other()
    {
        var edges = FolderDependencies.Read(typeof(WorkflowEngine).Assembly);

        var cycles = FolderDependencies.Cycles(edges);

        Assert.True(cycles.Count == 0, "Folders that depend on each other:\n" + string.Join("\n", cycles.Select(cycle =>
            string.Join(" → ", cycle) + ": " + string.Join("; ", cycle.Zip(cycle.Skip(1)).Select(e => edges[(e.First, e.Second)])))));
    }

    [Fact]
    public void The_dependency_reader_sees_a_cycle_between_two_folders()
    {
        var edges = new Dictionary<(string From, string To), string>
        {
            [("Engine", "Storage")] = "a",
            [("Tenants", "Engine")] = "b",
            [("Engine", "Tenants")] = "c",
        };

        var cycles = FolderDependencies.Cycles(edges);

        Assert.Equal(["Engine → Tenants → Engine"], cycles.Select(c => string.Join(" → ", c)));
    }

}
