using Microsoft.Extensions.Options;

namespace Skein.Router.Moves;

/// <summary>A misspelt <c>Router:Testing:KillAt</c> would make a crash test pass without crashing: refuse it at start.</summary>
internal sealed class MoveTestingOptionsValidator : IValidateOptions<MoveTestingOptions>
{
    public ValidateOptionsResult Validate(string? name, MoveTestingOptions options) =>
        options.KillAt is null || MoveStates.Running.Contains(options.KillAt) || options.KillAt == MoveStates.Done
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Router:Testing:KillAt '{options.KillAt}' must be one of {string.Join(", ", MoveStates.Running)}, {MoveStates.Done} (or unset).");
}
