using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

public sealed class OpenLogBudgetLimitTests
{
    [Fact]
    public void The_default_open_log_cap_follows_this_process_descriptor_limit()
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        long? limit = soft == "unlimited" ? null : long.Parse(soft, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(OpenLogBudget.FromLimit(limit), OpenLogBudget.Resolve(0));
    }
}
