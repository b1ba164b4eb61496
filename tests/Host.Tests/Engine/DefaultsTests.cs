using Skein.Host.Backup;
using Skein.Host.Engine;
using Skein.Tests.Common;
using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// The defaults DESIGN §2 and the docs promise (docs/sdk.md, README's configuration list, docs/operations.md), written
/// here as literals: a default changed in code without the docs (or the other way round) fails a test.
/// </summary>
public sealed class DefaultsTests
{
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void The_SDK_defaults_are_5_retries_10_seconds_exponential_10_minutes_per_attempt_and_24_hours_per_wait()
    {
        Assert.Equal(new RetryPolicy(5, TimeSpan.FromSeconds(10), Backoff.Exponential), RetryPolicy.Default);
        Assert.Equal(TimeSpan.FromMinutes(10), StepConfig.DefaultTimeout);
        Assert.Equal(TimeSpan.FromHours(24), WaitForEventOptions.DefaultTimeout);
    }

    [Fact]
    public async Task A_step_without_config_runs_6_attempts_10_20_40_80_160_seconds_apart()
    {
        using var t = new TestEngine(typeof(DefaultRetries));
        var id = await t.CreateAsync("default-retries");
        int[] delays = [10_000, 20_000, 40_000, 80_000, 160_000];
        for (var attempt = 1; attempt <= delays.Length; attempt++)
        {
            await t.WaitForLogAsync(id, d => d.Steps.SingleOrDefault()?.Attempts?.Count == attempt, $"attempt {attempt}");
            await t.AdvanceAndSettleAsync(TimeSpan.FromMilliseconds(delays[attempt - 1]) - OneMs);
            Assert.Equal(attempt, t.Describe(id).Steps.Single().Attempts!.Count);
            t.Advance(OneMs);
        }

        await t.WaitForStatusAsync(id, "errored");
        var attempts = t.Describe(id).Steps.Single().Attempts!;
        Assert.Equal(6, attempts.Count);
        Assert.Equal(delays, attempts.Zip(attempts.Skip(1), (a, b) => (int)(b.Start - a.End).TotalMilliseconds));
        Assert.Equal("boom 6", t.Describe(id).Error!.Message);
    }

    [Fact]
    public async Task A_step_without_config_times_out_after_exactly_10_minutes()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(10) - OneMs, stepBodiesRunning: 1);
        Assert.Equal(0, t.Describe(id).Steps.SingleOrDefault()?.Attempts?.Count ?? 0);
        Assert.Equal(0, Probe.For(id).Count("cancelled"));
        t.Advance(OneMs);

        var step = await t.WaitForLogAsync(id, d => d.Steps.SingleOrDefault()?.Attempts?.Count == 1, "the first attempt to time out");
        var attempt = step.Steps.Single().Attempts![0];
        Assert.Equal("TimeoutException", attempt.Error!.Name);
        Assert.Equal(TimeSpan.FromMinutes(10), attempt.End - attempt.Start);
    }

    [Fact]
    public async Task A_wait_without_a_timeout_times_out_after_exactly_24_hours()
    {
        using var t = new TestEngine(typeof(DefaultWait));
        var id = await t.CreateAsync("default-wait");
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(TimeSpan.FromHours(24) - OneMs);
        Assert.Equal("waiting", t.Describe(id).Status);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("timed out", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public void A_tenant_without_limits_gets_the_documented_defaults()
    {
        using var t = new TestEngine(typeof(ThreeSteps));

        // README: MaxConcurrentInstancesPerTenant 1,000, MaxPayloadBytes 1 MiB, MaxStepsPerInstance 10,000,
        // MaxUploadBytes 64 MiB, MaxCreatesPerSecondPerTenant 10,000.
        Assert.Equal(new EffectiveLimits(1_000, 1_048_576, 10_000, 67_108_864, 10_000, TimeSpan.FromDays(30)), t.Runtimes.Runtime(TestEngine.Tenant).Limits);
    }

    [Fact]
    public void The_host_settings_default_to_the_documented_values()
    {
        var engine = new EngineOptions();
        Assert.Equal("./data", engine.DataDir);
        Assert.Equal(512, engine.MaxLoadedVersions);
        Assert.Equal(5, engine.MaxCrashRecoveries);
        Assert.Equal(0, engine.MaxOpenTenantLogs);
        Assert.False(engine.Demo);
        Assert.Null(engine.AdminKey);

        // docs/sdk.md: a step's HTTP client has a 30 s timeout and a 16 MiB response cap.
        Assert.Equal(TimeSpan.FromSeconds(30), engine.Egress.RequestTimeout);
        Assert.Equal(16L * 1024 * 1024, engine.Egress.MaxResponseBytes);

        // docs/operations.md: no scheduled backups unless an interval is set, 7 kept, manual ones never deleted, 16 GiB archives.
        var backup = new BackupOptions();
        Assert.Null(backup.Interval);
        Assert.Equal(7, backup.Retention);
        Assert.False(backup.RetentionIncludesManual);
        Assert.Equal(16L * 1024 * 1024 * 1024, backup.MaxArchiveBytes);
    }
}
