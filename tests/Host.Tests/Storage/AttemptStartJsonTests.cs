using System.Text;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The attempt journal's line format is read back by the next session, possibly of another Skein version: it stays
/// one JSON object with web (camelCase) names and a newline, and a line of that format reads back whole.
/// </summary>
public sealed class AttemptStartJsonTests
{
    private const string Line = """{"instanceId":"order-\u00E9","generation":2,"position":3,"name":"charge \u003Ccard\u003E","count":1,"attempt":4,"startedAt":1764000000123}""";

    [Fact]
    public void An_entry_is_written_as_one_camel_case_json_line()
    {
        var entry = new AttemptStart("order-é", 2, 3, "charge <card>", 1, 4, 1_764_000_000_123);

        Assert.Equal(Line + "\n", Encoding.UTF8.GetString(AttemptStartJson.Line(entry)));
        // The thread's buffer is reused: a shorter entry after a longer one carries nothing over.
        Assert.Equal("""{"instanceId":"a","generation":1,"position":0,"name":"b","count":1,"attempt":1,"startedAt":0}""" + "\n",
            Encoding.UTF8.GetString(AttemptStartJson.Line(new AttemptStart("a", 1, 0, "b", 1, 1, 0))));
    }

    [Fact]
    public void A_line_of_that_format_reads_back_whole() =>
        Assert.Equal(new AttemptStart("order-é", 2, 3, "charge <card>", 1, 4, 1_764_000_000_123), AttemptStartJson.Read(Line));
}
