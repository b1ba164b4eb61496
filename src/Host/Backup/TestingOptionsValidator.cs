using Microsoft.Extensions.Options;

namespace Skein.Host.Backup;

/// <summary>
/// Refuses, at start, a <c>Skein:Testing:KillAt</c> that names no point a restore reaches (it would never fire) and a
/// relative <c>Skein:Testing:RestoreHoldFile</c> (a test and the host would look in different folders).
/// </summary>
internal sealed class TestingOptionsValidator : IValidateOptions<TestingOptions>
{
    public ValidateOptionsResult Validate(string? name, TestingOptions options)
    {
        var failures = new List<string>();
        if (options.KillAt is { } point && !TenantSwap.CrashPoints.Contains(point, StringComparer.Ordinal))
        {
            failures.Add($"Skein:Testing:KillAt is '{point}', which is not a point of a restore. Valid points: {string.Join(", ", TenantSwap.CrashPoints)}. "
                + "The option is for crash tests only: the host kills itself when a restore reaches the point.");
        }

        if (options.RestoreHoldFile is { } hold && !Path.IsPathFullyQualified(hold))
        {
            failures.Add($"Skein:Testing:RestoreHoldFile is '{hold}', which is not an absolute path. The option is for tests only: "
                + "restores wait at their commit point while that file exists.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
