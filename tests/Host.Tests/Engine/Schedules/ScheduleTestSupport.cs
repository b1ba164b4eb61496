using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>Creating schedules and reading what their ticks created, on a <see cref="TestEngine"/>.</summary>
internal static class ScheduleTestSupport
{
    public static TenantRuntime Runtime(this TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant);

    public static Task<CreatedSchedule> ScheduleAsync(this TestEngine t, string id, string workflow, string cron,
        string? timeZone = null, string? overlap = null, string? paramsJson = null) =>
        t.Engine.CreateScheduleAsync(t.Runtime(), new NewSchedule(id, workflow, cron, timeZone, paramsJson, overlap));

    /// <summary>The ids of the instances in creation order.</summary>
    public static List<string> InstanceIds(this TestEngine t) =>
        [.. t.Engine.List(TestEngine.Tenant, new InstanceQuery(null, null, 1000, null)).Items.Select(i => i.Id)];

    /// <summary>Advances fake time in steps of <paramref name="step"/>, letting the engine settle after each.</summary>
    public static async Task WalkAsync(this TestEngine t, DateTimeOffset until, TimeSpan step)
    {
        while (t.Time.GetUtcNow() < until)
        {
            await t.AdvanceAndSettleAsync(step);
        }
    }
}
