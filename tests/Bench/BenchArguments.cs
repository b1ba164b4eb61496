using System.Globalization;

namespace Skein.Bench;

/// <summary>The <c>--name value</c> pairs every benchmark's options are read from.</summary>
internal static class BenchArguments
{
    /// <summary>Folds each pair into <paramref name="options"/> with <paramref name="apply"/> (which throws on unknown names).</summary>
    public static T Parse<T>(IReadOnlyList<string> args, T options, Func<T, string, string, T> apply)
    {
        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} has no value.");
        }

        for (var i = 0; i < args.Count; i += 2)
        {
            options = apply(options, args[i], args[i + 1]);
        }

        return options;
    }

    public static int Int(string value, int min = 1) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new ArgumentException($"'{value}' is not a whole number of at least {min}.");

    public static ArgumentException Unknown(string name) => new($"Unknown option {name}.");
}
