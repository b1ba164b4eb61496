using Skein.Cli.Commands;
using Skein.Cli.Http;
using Skein.Cli.Profiles;

namespace Skein.Cli;

/// <summary>
/// Which host, key and tenant a command uses: each of <c>--url</c>, <c>--key</c>, <c>--tenant</c> wins over
/// <c>SKEIN_URL</c>, <c>SKEIN_KEY</c>, <c>SKEIN_TENANT</c>, which win over the profile (<c>--profile</c>, else
/// <c>SKEIN_PROFILE</c>, else <c>default</c>).
/// </summary>
internal sealed record Connection(Uri Url, string? Key, string? Tenant)
{
    public static Connection Resolve(GlobalSettings settings, CliEnvironment environment)
    {
        var name = settings.Profile ?? Env(environment, "SKEIN_PROFILE");
        var profile = new ProfileStore(environment.Variable).Find(name ?? ProfileStore.DefaultName);
        if (name is not null && profile is null)
        {
            throw new UsageException($"There is no profile '{name}': create it with 'skein login --url URL --key KEY --profile {name}'.");
        }

        var url = settings.Url ?? Env(environment, "SKEIN_URL") ?? profile?.Url
            ?? throw new UsageException("No host to talk to: run 'skein login --url URL --key KEY' once, or pass --url and --key.");
        return new Connection(ParseUrl(url), settings.Key ?? Env(environment, "SKEIN_KEY") ?? profile?.Key,
            settings.Tenant ?? Env(environment, "SKEIN_TENANT") ?? profile?.Tenant);
    }

    public static Uri ParseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"'{url}' is not an http(s) URL, e.g. http://127.0.0.1:5080.");

    /// <summary>The tenant a tenant command acts on.</summary>
    public string RequireTenant() => Tenant
        ?? throw new UsageException("No tenant: pass --tenant T, or log in with 'skein login --url URL --key KEY --tenant T'.");

    public SkeinClient Client(CliEnvironment environment) => new(Url, Key, environment.Handler);

    private static string? Env(CliEnvironment environment, string name) => environment.Variable(name) is { Length: > 0 } value ? value : null;
}
