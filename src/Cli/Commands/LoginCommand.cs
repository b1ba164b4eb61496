using System.ComponentModel;
using Skein.Cli.Http;
using Skein.Cli.Profiles;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary><c>skein login --url URL --key KEY [--tenant T] [--profile NAME]</c>: checks the key, then saves the profile.</summary>
[Description("Check a key against a host (or router) and save it as a profile.")]
internal sealed class LoginCommand(CliEnvironment environment) : AsyncCommand<GlobalSettings>
{
    public override ValidationResult Validate(CommandContext context, GlobalSettings settings) =>
        settings.Url is null || settings.Key is null
            ? ValidationResult.Error("login needs --url URL and --key KEY.")
            : ValidationResult.Success();

    public override async Task<int> ExecuteAsync(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        var url = Connection.ParseUrl(settings.Url!);
        var name = settings.Profile ?? (environment.Variable("SKEIN_PROFILE") is { Length: > 0 } p ? p : ProfileStore.DefaultName);
        using (var client = new SkeinClient(url, settings.Key, environment.Handler))
        {
            // A tenant key can read its tenant; the operator's key (of a host or a router) can list tenants.
            await client.GetAsync(settings.Tenant is { } tenant ? $"/v1/tenants/{Uri.EscapeDataString(tenant)}" : "/v1/tenants", cancellationToken);
        }

        var store = new ProfileStore(environment.Variable);
        store.Save(name, new Skein.Cli.Profiles.Profile(url.ToString().TrimEnd('/'), settings.Key!, settings.Tenant));
        if (settings.Json)
        {
            environment.RawOut.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { profile = name, url = url.ToString().TrimEnd('/'), tenant = settings.Tenant, file = store.FilePath }));
        }
        else
        {
            var who = settings.Tenant is { } t ? $"tenant {t}" : "the operator";
            environment.Out.MarkupLineInterpolated($"Logged in to [bold]{url}[/] as {who}; saved as profile [bold]{name}[/] in {store.FilePath}.");
        }

        return ExitCodes.Ok;
    }
}
