using System.Globalization;

namespace Skein.Bench;

/// <summary>Prints figures as <c>name: value unit</c>, one a line, and notes on how they were obtained as <c># ...</c>.</summary>
internal static class FigureWriter
{
    public static void Figure(string name, double value, string unit, int decimals = 0) =>
        Console.WriteLine($"{name}: {value.ToString("F" + decimals, CultureInfo.InvariantCulture)} {unit}");

    public static void Note(string text) => Console.WriteLine("# " + text);

    /// <summary>Progress of individual runs goes to stderr, so stdout holds only the figures and their notes.</summary>
    public static void Progress(string text) => Console.Error.WriteLine("# " + text);

    public static string Format(double value, int decimals = 0) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
