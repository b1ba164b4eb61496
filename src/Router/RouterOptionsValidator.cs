using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Skein.Router;

/// <summary>Reports every invalid router setting at start, all at once.</summary>
internal sealed partial class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    private static readonly TimeSpan MaxHealthCheck = TimeSpan.FromHours(1);

    /// <summary>
    /// A forwarded exchange's timer holds at most int.MaxValue ms (about 24.8 days), and a <c>?wait=</c> adds up to
    /// 5 minutes to <see cref="RouterOptions.ActivityTimeout"/>: 20 days leaves room for both.
    /// </summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(20);

    public ValidateOptionsResult Validate(string? name, RouterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            failures.Add("Router:AdminKey is required: the key that guards the router's admin API (e.g. --Router:AdminKey=… or Router__AdminKey).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Router:DataDir must name a folder for the placement database.");
        }

        if (options.Nodes.Count == 0)
        {
            failures.Add("Router:Nodes must list at least one node as {Id, Url} (e.g. --Router:Nodes:0:Id=a --Router:Nodes:0:Url=http://127.0.0.1:5080).");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Nodes.Count; i++)
        {
            var node = options.Nodes[i];
            if (string.IsNullOrWhiteSpace(node.Id) || !NodeId().IsMatch(node.Id))
            {
                failures.Add($"Router:Nodes:{i}:Id '{node.Id}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }
            else if (!seen.Add(node.Id))
            {
                failures.Add($"Router:Nodes:{i}:Id '{node.Id}' is used by another node too (ids are compared ignoring case): each node needs its own id.");
            }

            if (!Uri.TryCreate(node.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
                || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
            {
                failures.Add($"Router:Nodes:{i}:Url '{node.Url}' must be an absolute http or https address without a path, query or credentials, e.g. http://10.0.0.5:5080.");
            }

            if (node.AdminKey is { } key && string.IsNullOrWhiteSpace(key))
            {
                failures.Add($"Router:Nodes:{i}:AdminKey is blank: remove it to use Router:AdminKey, or set the node's key.");
            }
        }

        if (options.Domain is { } domain && (domain.Length == 0 || Uri.CheckHostName(domain) != UriHostNameType.Dns || domain.StartsWith('.')))
        {
            failures.Add($"Router:Domain '{domain}' must be a DNS name such as skein.example.com (tenants are then reached at {{tenant}}.skein.example.com).");
        }

        // Upper bounds too: each value reaches a timer or a client timeout, which throw past about 24.8 days (the
        // probe client's timeout is six health-check timeouts), so an unbounded value would stop the router later.
        if (options.HealthCheckInterval < TimeSpan.FromMilliseconds(100) || options.HealthCheckInterval > MaxHealthCheck)
        {
            failures.Add("Router:HealthCheckInterval must be between 100 ms and 1 hour (e.g. 00:00:02).");
        }

        if (options.HealthCheckTimeout <= TimeSpan.Zero || options.HealthCheckTimeout > MaxHealthCheck)
        {
            failures.Add("Router:HealthCheckTimeout must be positive and at most 1 hour (e.g. 00:00:05).");
        }

        // Below a second every request to a loaded node would fail; above about 24 days the timer cannot hold it.
        if (options.ActivityTimeout < TimeSpan.FromSeconds(1) || options.ActivityTimeout > MaxTimeout)
        {
            failures.Add($"Router:ActivityTimeout '{options.ActivityTimeout}' must be between 1 second and 20 days (e.g. 01:00:00).");
        }

        if (options.StreamActivityTimeout < options.ActivityTimeout || options.StreamActivityTimeout > MaxTimeout)
        {
            failures.Add($"Router:StreamActivityTimeout '{options.StreamActivityTimeout}' must be at least Router:ActivityTimeout " +
                $"({options.ActivityTimeout}) and at most 20 days (e.g. 1.00:00:00): a stream is silent while its instance sleeps.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex NodeId();
}
