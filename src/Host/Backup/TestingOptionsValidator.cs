using Microsoft.Extensions.Options;

namespace Skein.Host.Backup;

/// <summary>Refuses, at start, a <c>Skein:Testing:KillAt</c> that names no point a restore reaches: it would never fire.</summary>
internal sealed class TestingOptionsValidator : IValidateOptions<TestingOptions>
{
    public ValidateOptionsResult Validate(string? name, TestingOptions options) =>
        options.KillAt is { } point && !TenantSwap.CrashPoints.Contains(point, StringComparer.Ordinal)
            ? ValidateOptionsResult.Fail(
                $"Skein:Testing:KillAt is '{point}', which is not a point of a restore. Valid points: {string.Join(", ", TenantSwap.CrashPoints)}. "
                + "The option is for crash tests only: the host kills itself when a restore reaches the point.")
            : ValidateOptionsResult.Success;
}
