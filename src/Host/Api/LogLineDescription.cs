using System.Text.Json.Serialization;

namespace Skein.Host.Api;

/// <summary>
/// One line workflow code logged: <c>{seq, at, level, message, step?: {name, count}, attempt?}</c>; <c>step</c> and
/// <c>attempt</c> are absent for a line written outside steps. <c>level</c> is <c>trace</c>, <c>debug</c>,
/// <c>information</c>, <c>warning</c>, <c>error</c> or <c>critical</c>.
/// </summary>
internal sealed record LogLineDescription(
    long Seq,
    DateTimeOffset At,
    string Level,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LogStepDescription? Step,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Attempt);
