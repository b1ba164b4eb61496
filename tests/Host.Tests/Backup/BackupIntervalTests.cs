using Microsoft.Extensions.Options;
using Skein.Host.Backup;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Backup;

/// <summary>The scheduled-backup interval: past 30 days the node refuses to start, naming the setting.</summary>
public sealed class BackupIntervalTests
{
    [Theory]
    [InlineData("50.00:00:00")]
    [InlineData("30.00:00:00.001")]
    [InlineData("-01:00:00")]
    [InlineData("10675199.02:48:05.4775807")]
    public async Task A_node_configured_with_an_interval_outside_0_to_30_days_refuses_to_start(string interval)
    {
        using var dir = new TempDataDir();
        await using var app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={dir.Path}",
            $"--Skein:AdminKey={HostFixture.AdminKey}",
            $"--Skein:Backup:Interval={interval}",
        ]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.StartsWith("Skein:Backup:Interval must be between zero (no scheduled backups) and 30 days", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00:00:00")]
    [InlineData("30.00:00:00")]
    public void An_interval_from_unset_to_30_days_is_accepted(string? interval)
    {
        var options = new BackupOptions { Interval = interval is null ? null : TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.True(new BackupOptionsValidator().Validate(null, options).Succeeded);
    }
}
