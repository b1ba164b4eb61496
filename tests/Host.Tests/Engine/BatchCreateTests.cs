using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>A batch holds 1–100 creates; each item succeeds or fails on its own.</summary>
public sealed class BatchCreateTests
{
    [Fact]
    public async Task Each_item_of_a_batch_is_created_or_refused_on_its_own()
    {
        using var t = new TestEngine(typeof(Big));

        var results = await t.Engine.CreateBatchAsync(TestEngine.Tenant, "big",
            [("first", "1"), ("bad id!", "1"), (null, "\"one\""), ("last", "2")]);

        Assert.Equal(["first", null, null, "last"], results.Select(r => r.Instance?.Id));
        Assert.IsType<InvalidRequestException>(results[1].Error);
        Assert.IsType<InvalidRequestException>(results[2].Error);
        // The items of a batch are created side by side: the list's order among them is not the request's.
        Assert.Equal(["first", "last"], ListedIds(t).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_of_exactly_the_most_it_may_hold_is_created()
    {
        using var t = new TestEngine(typeof(Big));

        var results = await t.Engine.CreateBatchAsync(TestEngine.Tenant, "big", Items(WorkflowEngine.MaxBatch));

        Assert.All(results, r => Assert.True(r.Instance!.Created));
        Assert.Equal(WorkflowEngine.MaxBatch, ListedIds(t).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(WorkflowEngine.MaxBatch + 1)]
    public async Task An_empty_or_oversized_batch_is_refused_whole_saying_how_many_it_held(int count)
    {
        using var t = new TestEngine(typeof(Big));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.CreateBatchAsync(TestEngine.Tenant, "big", Items(count)));

        Assert.Equal($"A batch holds 1–100 instances; this one holds {count}.", refused.Message);
        Assert.Empty(ListedIds(t));
    }

    [Fact]
    public async Task A_batch_of_one_is_created()
    {
        using var t = new TestEngine(typeof(Big));

        var result = Assert.Single(await t.Engine.CreateBatchAsync(TestEngine.Tenant, "big", Items(1)));

        Assert.Equal("item-0", result.Instance!.Id);
    }

    private static List<(string? Id, string? Params)> Items(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ((string?)$"item-{i}", (string?)"0"))];

    private static List<string> ListedIds(TestEngine t) =>
        [.. t.Engine.List(TestEngine.Tenant, new Skein.Host.Storage.InstanceQuery(null, null, 1000, null)).Items.Select(i => i.Id)];
}
