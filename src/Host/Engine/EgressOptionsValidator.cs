using Microsoft.Extensions.Options;

namespace Skein.Host.Engine;

/// <summary>Checks <c>Skein:Egress</c> at start, reporting every bad value at once.</summary>
internal sealed class EgressOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var egress = options.Egress;
        var failures = new List<string>();
        if (egress.RequestTimeout <= TimeSpan.Zero || egress.RequestTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"Skein:Egress:RequestTimeout must be between 00:00:00.001 and 01:00:00; it is {egress.RequestTimeout}.");
        }

        if (egress.MaxResponseBytes is < 1024 or > int.MaxValue)
        {
            failures.Add($"Skein:Egress:MaxResponseBytes must be between 1024 and {int.MaxValue}; it is {egress.MaxResponseBytes}.");
        }

        if (egress.MaxRedirects is < 0 or > 50)
        {
            failures.Add($"Skein:Egress:MaxRedirects must be between 0 and 50; it is {egress.MaxRedirects}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
