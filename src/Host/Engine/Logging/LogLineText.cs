using Microsoft.Extensions.Logging;

namespace Skein.Host.Engine.Logging;

/// <summary>The text of a line workflow code logs: its formatted message and exception, bounded.</summary>
internal static class LogLineText
{
    /// <summary>The most characters a line keeps; longer ones are cut and say so.</summary>
    public const int MaxChars = 4_096;

    private const string Cut = "… [line truncated]";

    /// <summary>Formats the line as the tenant's formatter does, with the exception's type and message appended.</summary>
    public static string Format<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message;
        try
        {
            message = formatter(state, exception) ?? "";
        }
        catch (Exception failure)
        {
            // A tenant's formatter (or a ToString it calls) that throws must not fail the step that logged.
            message = $"(the line could not be formatted: {failure.GetType().Name}: {failure.Message})";
        }

        if (exception is not null)
        {
            message = message.Length == 0 ? $"{exception.GetType().Name}: {exception.Message}"
                : $"{message}\n{exception.GetType().Name}: {exception.Message}";
        }

        return Bound(message);
    }

    public static string Bound(string message) =>
        message.Length <= MaxChars ? message : string.Concat(message.AsSpan(0, MaxChars - Cut.Length), Cut);

    public static bool IsWritten(LogLevel level) => level is >= LogLevel.Trace and < LogLevel.None;
}
