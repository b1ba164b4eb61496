using System.Net;
using System.Net.Http.Headers;
using Skein.Tests.Common;

namespace Skein.Dashboard.Tests;

/// <summary>How the host serves the dashboard's files, over plain HTTP: anonymous, strict CSP, revalidated with an ETag.</summary>
public sealed class DashboardServingTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Ui_without_a_slash_redirects_to_ui_with_one()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        var response = await client.GetAsync("/ui");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/ui/", "text/html; charset=utf-8")]
    [InlineData("/ui/js/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/ui/css/app.css", "text/css; charset=utf-8")]
    public async Task Files_are_served_without_a_key_with_a_strict_policy_and_an_etag(string path, string contentType)
    {
        using var client = host.Client(key: null);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_file_asked_again_with_its_etag_answers_304_without_a_body()
    {
        using var client = host.Client(key: null);
        var first = await client.GetAsync("/ui/js/app.js");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/ui/js/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_part_of_the_dashboard_answers_404()
    {
        using var client = host.Client(key: null);

        var response = await client.GetAsync("/ui/js/nothing-here.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task No_file_of_the_dashboard_has_inline_script_or_style()
    {
        using var client = host.Client(key: null);

        var html = await client.GetStringAsync("/ui/");

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", html);
    }
}
