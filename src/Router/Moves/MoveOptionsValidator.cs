using Microsoft.Extensions.Options;

namespace Skein.Router.Moves;

/// <summary>Refuses a retention that would prune nothing ever or everything at once, listing every failure.</summary>
internal sealed class MoveOptionsValidator : IValidateOptions<MoveOptions>
{
    private static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3650);

    public ValidateOptionsResult Validate(string? name, MoveOptions options)
    {
        var failures = new List<string>();
        if (options.Retention < TimeSpan.FromSeconds(1) || options.Retention > MaxRetention)
        {
            failures.Add($"Router:Moves:Retention is {options.Retention}; it must be between 00:00:01 and {MaxRetention.TotalDays} days "
                + "(how long a finished move stays in GET /v1/moves, e.g. 30.00:00:00).");
        }

        if (options.RetentionCount < 1)
        {
            failures.Add($"Router:Moves:RetentionCount is {options.RetentionCount}; it must be at least 1 (how many finished moves GET /v1/moves keeps, e.g. 1000).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
