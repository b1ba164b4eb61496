using System.Reflection;

namespace Skein.Host.Tests.Architecture;

/// <summary>
/// Which folders of the host (its namespaces under <c>Skein.Host</c>, sub-namespaces counted with their folder)
/// depend on which, read by reflection from what a type holds and is handed: its base type, interfaces, fields,
/// properties, constructor and method signatures, and those of its nested (compiler-generated) types.
/// </summary>
internal static class FolderDependencies
{
    private const string Root = "Skein.Host";

    /// <summary>The folder of a host type, or null for a type outside the host's folders.</summary>
    public static string? FolderOf(Type type)
    {
        var ns = (type.DeclaringType is { } outer ? OutermostOf(outer) : type).Namespace;
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        return ns[(Root.Length + 1)..].Split('.')[0];
    }

    /// <summary>Every edge folder → folder, with one type that makes it, for the message of a failing test.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in Uses(type))
            {
                if (FolderOf(used) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges;
    }

    /// <summary>The cycles among the folders (each as its folders in order, first repeated at the end).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<(string From, string To), string> edges)
    {
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string> { start };
            Walk(start);

            void Walk(string at)
            {
                foreach (var to in next.GetValueOrDefault(at) ?? [])
                {
                    if (to == start)
                    {
                        var cycle = new List<string>(path) { start };
                        // One report per cycle, whichever folder it is entered from.
                        if (seen.Add(string.Join(">", cycle.Skip(1).Order(StringComparer.Ordinal))))
                        {
                            cycles.Add(cycle);
                        }
                    }
                    else if (!path.Contains(to) && string.CompareOrdinal(to, start) > 0)
                    {
                        path.Add(to);
                        Walk(to);
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }
        }

        return cycles;
    }

    private static Type OutermostOf(Type type) => type.DeclaringType is { } outer ? OutermostOf(outer) : type;

    private static IEnumerable<Type> Uses(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            direct.Add(baseType);
        }

        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(All).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetConstructors(All).Cast<MethodBase>().Concat(type.GetMethods(All)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
        }

        return direct.SelectMany(Expand);
    }

    /// <summary>A type with its generic arguments and element types (<c>Func&lt;TenantRegistry&gt;</c> uses TenantRegistry).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Expand(element))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }
}
