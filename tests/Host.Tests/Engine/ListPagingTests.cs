using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>Listing pages through the instances in creation order; the last page says there is nothing after it.</summary>
public sealed class ListPagingTests
{
    [Fact]
    public async Task Pages_follow_each_other_by_cursor_and_a_last_page_that_is_exactly_full_has_no_cursor()
    {
        using var t = new TestEngine(typeof(Approval));
        string[] ids = ["a", "b", "c", "d"];
        foreach (var id in ids)
        {
            await t.CreateAsync("approval", 60, id);
        }

        var first = t.Engine.List(TestEngine.Tenant, new InstanceQuery(null, null, 2, null));
        var second = t.Engine.List(TestEngine.Tenant, new InstanceQuery(null, null, 2, first.NextCursor));

        Assert.Equal(["a", "b"], first.Items.Select(i => i.Id));
        Assert.Equal(first.Items[1].Seq, first.NextCursor);
        Assert.Equal(["c", "d"], second.Items.Select(i => i.Id));
        Assert.Null(second.NextCursor);
    }
}
