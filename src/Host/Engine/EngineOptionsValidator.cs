using Microsoft.Extensions.Options;

namespace Skein.Host.Engine;

/// <summary>Reports every invalid engine setting at start, all at once.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Skein:DataDir must name a folder.");
        }

        if (options.MaxConcurrentInstancesPerTenant < 1)
        {
            failures.Add("Skein:MaxConcurrentInstancesPerTenant must be at least 1.");
        }

        if (options.MaxStepsPerInstance < 1)
        {
            failures.Add("Skein:MaxStepsPerInstance must be at least 1.");
        }

        if (options.MaxPayloadBytes < 1024)
        {
            failures.Add("Skein:MaxPayloadBytes must be at least 1024.");
        }

        if (options.MaxCrashRecoveries < 0)
        {
            failures.Add("Skein:MaxCrashRecoveries must be 0 or more.");
        }

        if (options.MaxOpenTenantLogs < 0)
        {
            failures.Add("Skein:MaxOpenTenantLogs must be 0 (derived from the descriptor limit) or more.");
        }

        if (options.MaxTenantLogLinesPerSecond < 0)
        {
            failures.Add("Skein:MaxTenantLogLinesPerSecond must be 0 (none in the host log) or more.");
        }

        if (options.MaxCachedExecutions < 0)
        {
            failures.Add("Skein:MaxCachedExecutions must be 0 (no cache) or more.");
        }

        if (options.MaxCachedExecutionBytes < 0)
        {
            failures.Add("Skein:MaxCachedExecutionBytes must be 0 (no cache) or more.");
        }

        if (options.Retention < RetentionPeriod.Min || options.Retention > RetentionPeriod.Max)
        {
            failures.Add("Skein:Retention must be from 01:00:00 (1 hour) to 3650.00:00:00 (10 years).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
