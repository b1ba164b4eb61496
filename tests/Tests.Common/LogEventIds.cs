using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Skein.Tests.Common;

/// <summary>
/// Reads a project's event-id registry and the ids its <c>[LoggerMessage]</c> methods use. The attribute stays on the
/// partial method declaration the generator implements, so reflection over the assembly finds every one of them.
/// </summary>
public static partial class LogEventIds
{
    /// <summary>The registry's constants: name → id.</summary>
    public static IReadOnlyDictionary<string, int> Registry(Type registry) =>
        registry.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!, StringComparer.Ordinal);

    /// <summary>Every <c>[LoggerMessage]</c> method of the assembly, as "Type.Method", with its event id.</summary>
    public static IReadOnlyList<(string Method, int Id)> Used(Assembly assembly)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        return [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(All))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => ($"{p.Method.DeclaringType!.FullName}.{p.Method.Name}", p.Attribute!.EventId))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)];
    }

    /// <summary>The registry's ids given to more than one name, as "id: names".</summary>
    public static IReadOnlyList<string> DuplicateIds(Type registry) =>
        [.. Registry(registry).GroupBy(p => p.Value).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Key))}")];

    /// <summary>
    /// How the registry's assembly breaks "one registry id per line, every id used": lines whose id is not in the
    /// registry, ids used by two lines, ids used by none. Empty when the rule holds.
    /// </summary>
    public static IReadOnlyList<string> Misuses(Type registry)
    {
        var ids = Registry(registry);
        var used = Used(registry.Assembly);
        return [
            .. used.Where(u => !ids.Values.Contains(u.Id)).Select(u => $"{u.Method} uses {u.Id}, not in {registry.Name}"),
            .. used.GroupBy(u => u.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(u => u.Method))}"),
            .. ids.Where(p => used.All(u => u.Id != p.Value)).Select(p => $"{registry.Name}.{p.Key} ({p.Value}) is used by no line"),
        ];
    }

    /// <summary>The <c>[LoggerMessage(…)]</c> attributes under a source folder that spell their id as a number.</summary>
    public static IReadOnlyList<string> LiteralIds(string sourceFolder) =>
        [.. Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => LiteralId().IsMatch(l.Text))
            .Select(l => $"{Path.GetFileName(l.File)}:{l.Line}: {l.Text.Trim()}")];

    /// <summary>The repository's root (the folder holding Host.sln), found above the test's output folder.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Host.sln above {AppContext.BaseDirectory}: the check needs the repository.");
    }

    /// <summary>The ids a registry source file declares (<c>public const int Name = 1234;</c>).</summary>
    public static IReadOnlyList<int> DeclaredIn(string registryFile) =>
        [.. File.ReadLines(registryFile).Select(l => ConstantId().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"LoggerMessage\(\s*(EventId\s*=\s*)?\d")]
    private static partial Regex LiteralId();

    [GeneratedRegex(@"public const int \w+ = (\d+);")]
    private static partial Regex ConstantId();
}
