using System.Text.Json;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>What an instance's history records, as JSON: a finished instance's output is embedded as is.</summary>
public sealed class HistoryJsonTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_final_status_embeds_the_output_json_as_it_is_and_an_error_by_name_and_message()
    {
        using var log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        await log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        await log.CreateInstanceAsync(new NewInstance("b", "w", 1, "null", 1));
        await log.MarkRunningAsync("a", 1, 2);
        await log.MarkRunningAsync("b", 1, 2);

        await log.FinishAsync("a", 1, InstanceStatus.Complete, """{"total": 3,"items":[1,2]}""", null, null, 5);
        await log.FinishAsync("b", 1, InstanceStatus.Errored, null, "Boom", "it broke", 6);

        Assert.Equal("""{"status":"complete","output":{"total": 3,"items":[1,2]}}""", log.ReadHistory("a", 0)[^1].Data);
        Assert.Equal("""{"status":"errored","error":{"name":"Boom","message":"it broke"}}""", log.ReadHistory("b", 0)[^1].Data);
    }

    [Fact]
    public void Raw_json_reads_back_as_the_text_of_the_value()
    {
        var options = new JsonSerializerOptions { Converters = { new RawJsonConverter() } };

        Assert.Equal(new RawJson("""{"a": [1, 2]}"""), JsonSerializer.Deserialize<RawJson>("""{"a": [1, 2]}""", options));
        Assert.Equal("""[{"a": [1, 2]}]""", JsonSerializer.Serialize(new[] { new RawJson("""{"a": [1, 2]}""") }, options));
    }
}
