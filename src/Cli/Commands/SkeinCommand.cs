using System.Text.Json.Nodes;
using Skein.Cli.Http;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Skein.Cli.Commands;

/// <summary>A command: resolves the connection, runs, and prints either tables or (with <c>--json</c>) the server's JSON.</summary>
internal abstract class SkeinCommand<TSettings>(CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : GlobalSettings
{
    protected CliEnvironment Environment { get; } = environment;

    protected IAnsiConsole Out => Environment.Out;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var connection = Connection.Resolve(settings, Environment);
        using var client = connection.Client(Environment);
        return await RunAsync(settings, connection, client, cancellationToken);
    }

    protected abstract Task<int> RunAsync(TSettings settings, Connection connection, SkeinClient client, CancellationToken cancel);

    /// <summary>The server's JSON exactly as it sent it, on one line (parseable by scripts).</summary>
    protected void WriteJson(string json)
    {
        Environment.RawOut.WriteLine(json.Length == 0 ? "{}" : json);
        Environment.RawOut.Flush();
    }

    protected void WriteJson(JsonNode? node) => WriteJson(node?.ToJsonString() ?? "null");

    protected static string Path(string value) => Uri.EscapeDataString(value);

    protected static string TenantPath(Connection connection) => $"/v1/tenants/{Path(connection.RequireTenant())}";
}
