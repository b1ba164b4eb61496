using Microsoft.Extensions.Options;

namespace Skein.Host.Backup;

/// <summary>
/// Refuses, at start, backup settings the scheduler could not honour: its timer holds at most about 49.7 days, and
/// an interval past that would stop the node at its first tick instead.
/// </summary>
internal sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    /// <summary>The longest interval between scheduled backups.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, BackupOptions options) =>
        options.Interval is { } interval && (interval < TimeSpan.Zero || interval > MaxInterval)
            ? ValidateOptionsResult.Fail(
                $"Skein:Backup:Interval must be between zero (no scheduled backups) and {MaxInterval.TotalDays:0} days; it is {interval}.")
            : ValidateOptionsResult.Success;
}
