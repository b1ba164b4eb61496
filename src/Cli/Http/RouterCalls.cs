namespace Skein.Cli.Http;

/// <summary>The router's admin API: a host answers its paths with 404, which says the URL is not a router.</summary>
internal static class RouterCalls
{
    public static async Task<ApiResponse> SendAsync(SkeinClient client, Func<Task<ApiResponse>> call)
    {
        try
        {
            return await call();
        }
        // A router's own 404 is a Skein problem (urn:skein:problem:not-found); a host's unknown route is not.
        catch (ProblemException e) when (e.Status == 404 && e.Problem?["type"]?.ToString().StartsWith("urn:skein:problem:", StringComparison.Ordinal) != true)
        {
            throw new CliFailure($"{client.BaseUrl} is not a router (it does not know the router's admin API): point --url or the profile at the router.");
        }
    }
}
