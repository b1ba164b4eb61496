using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>One (method, route pattern) pair the running host maps, read from its endpoint data source.</summary>
internal sealed partial record MappedEndpoint(string Method, RoutePattern Pattern)
{
    /// <summary><c>METHOD pattern</c>, the key of <see cref="EndpointRules.All"/>.</summary>
    public string Key => $"{Method} {Path}";

    /// <summary>The pattern as written, without a trailing slash (a group's <c>MapPost("")</c> adds one).</summary>
    public string Path => Pattern.RawText is { Length: > 1 } raw ? raw.TrimEnd('/') : Pattern.RawText ?? "/";

    /// <summary>The path as the OpenAPI document spells it: parameters without constraints or catch-all stars.</summary>
    public string ApiDocumentPath => ParameterSyntax().Replace(Path, "{$1}");

    public bool UnderTenant => Path.StartsWith("/v1/tenants/{tenant}", StringComparison.Ordinal);

    /// <summary>Every endpoint the host maps, one per HTTP method.</summary>
    public static IReadOnlyList<MappedEndpoint> ReadAll(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => new MappedEndpoint(method, e.RoutePattern)))
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Key, StringComparer.Ordinal)];

    /// <summary>The request path with every route parameter filled in; a parameter with no value fails, naming it.</summary>
    public string Url(Func<string, string?> valueOf)
    {
        var segments = new List<string>();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => valueOf(parameter.Name)
                        ?? (parameter.IsOptional ? "" : throw new InvalidOperationException(
                            $"{Key}: the test has no value for route parameter '{parameter.Name}'; add one for it.")),
                    _ => throw new InvalidOperationException($"{Key}: unexpected route part {part}"),
                };
            }

            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        return "/" + string.Join('/', segments);
    }

    public override string ToString() => Key;

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)(:[^}?]*)?\??\}")]
    private static partial Regex ParameterSyntax();
}
