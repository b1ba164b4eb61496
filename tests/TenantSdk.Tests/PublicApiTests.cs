using System.Reflection;
using System.Text;

namespace Skein.TenantSdk.Tests;

/// <summary>
/// The SDK is a contract with every tenant: its public surface is checked in as <c>src/TenantSdk/PublicAPI.txt</c>,
/// and any change to it fails here until the file is updated on purpose.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_checked_in_API_file()
    {
        var actual = Describe(typeof(WorkflowStep).Assembly);
        var expectedPath = Path.Combine(AppContext.BaseDirectory, "PublicAPI.txt");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var received = Path.Combine(AppContext.BaseDirectory, "PublicAPI.received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"The SDK's public API changed. If that is intended, copy {received} over src/TenantSdk/PublicAPI.txt.\n" +
                        Diff(expected, actual));
        }
    }

    [Fact]
    public void Assembly_version_stays_fixed_within_the_major_version()
    {
        Assert.Equal(new Version(1, 0, 0, 0), typeof(WorkflowStep).Assembly.GetName().Version);
    }

    private static string Diff(string expected, string actual)
    {
        var before = expected.Split('\n').ToHashSet();
        var after = actual.Split('\n').ToHashSet();
        return string.Join('\n', before.Except(after).Select(l => "- " + l).Concat(after.Except(before).Select(l => "+ " + l)));
    }

    internal static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"type {Name(type)} : {(type.BaseType is null ? "" : Name(type.BaseType))}{string.Concat(type.GetInterfaces().Where(i => i.IsPublic).Select(i => ", " + Name(i)))}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (Visible(member) is { } line)
                {
                    lines.Add($"  {Name(type)}.{line}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string? Visible(MemberInfo member) => member switch
    {
        ConstructorInfo c when c.IsPublic || c.IsFamily => $"ctor({Parameters(c)})",
        MethodInfo m when (m.IsPublic || m.IsFamily) && !m.IsSpecialName =>
            $"{(m.IsStatic ? "static " : "")}{(m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal ? "virtual " : "")}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(",", m.GetGenericArguments().Select(Name)) + ">" : "")}({Parameters(m)})",
        PropertyInfo p when (p.GetMethod?.IsPublic ?? false) || (p.GetMethod?.IsFamily ?? false) =>
            $"{Name(p.PropertyType)} {p.Name} {{ get;{(p.SetMethod is { } s && (s.IsPublic || s.IsFamily) ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? " init;" : " set;") : "")} }}",
        FieldInfo f when f.IsPublic || f.IsFamily => $"{(f.IsStatic ? "static " : "")}{(f.IsLiteral ? "const " : f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
        _ => null,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{type.Namespace}.{name}<{string.Join(",", type.GetGenericArguments().Select(Name))}>";
        }

        return type.FullName ?? type.Name;
    }
}
