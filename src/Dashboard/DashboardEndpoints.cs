using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Skein.Dashboard;

/// <summary>Serves the dashboard's static files (DESIGN §12); the host and the router map it the same way.</summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// The Content-Security-Policy of every dashboard file: scripts, styles and API calls from this origin only, no
    /// inline script or style, no frames, no plugins. The dashboard holds a key in session storage, so injected script
    /// must have nowhere to run.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Maps <c>GET {prefix}</c> (a redirect to <c>{prefix}/</c>, so relative module paths resolve) and
    /// <c>GET {prefix}/{**path}</c>. Anonymous: the files hold no data; the page asks for a key and sends it to the API.
    /// </summary>
    /// <returns>The group's builder, to attach the caller's own conventions (an access policy, tags).</returns>
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/ui")
    {
        var assets = new DashboardAssets();
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription();
        group.MapGet("/{**path}", (HttpContext http, string? path) =>
        {
            // Routing matches "/ui" and "/ui/" alike; only the one with the slash makes "js/app.js" mean "/ui/js/app.js".
            if (string.IsNullOrEmpty(path) && !(http.Request.Path.Value ?? "").EndsWith('/'))
            {
                return Results.Redirect($"{http.Request.PathBase}{prefix}/");
            }

            var asset = assets.Find(string.IsNullOrEmpty(path) ? "index.html" : path);
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (asset is null)
            {
                return Results.NotFound();
            }

            // File names are not fingerprinted: revalidate every time (a 304 costs a round trip, not the bytes), so a
            // host upgrade is seen at once and a page never mixes modules of two versions.
            headers.CacheControl = "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
        });
        return group;
    }
}
