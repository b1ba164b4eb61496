using System.Net;

namespace Skein.Host.Egress;

/// <summary>
/// A tenant's egress policy: the public internet is open, the ranges of <see cref="AddressRanges"/> are refused unless
/// a rule of the operator's allow-list matches. Immutable; a change of limits builds a new one.
/// </summary>
internal sealed class EgressPolicy
{
    public static EgressPolicy Default { get; } = new([], []);

    private EgressPolicy(IReadOnlyList<string> entries, IReadOnlyList<EgressRule> rules)
    {
        Entries = entries;
        Rules = rules;
    }

    /// <summary>The allow-list as the operator wrote it.</summary>
    public IReadOnlyList<string> Entries { get; }

    public IReadOnlyList<EgressRule> Rules { get; }

    /// <summary>Builds the policy of an allow-list that passed validation (an invalid entry throws).</summary>
    public static EgressPolicy FromAllowList(IReadOnlyList<string>? entries)
    {
        if (entries is null || entries.Count == 0)
        {
            return Default;
        }

        var rules = new List<EgressRule>(entries.Count);
        foreach (var entry in entries)
        {
            if (!EgressRule.TryParse(entry, out var rule, out var error))
            {
                throw new ArgumentException($"Invalid egressAllow entry: {error}.", nameof(entries));
            }

            rules.Add(rule);
        }

        return new EgressPolicy([.. entries], rules);
    }

    /// <summary>
    /// Null when a connection made for <paramref name="host"/> to <paramref name="address"/>:<paramref name="port"/> may
    /// proceed; otherwise the name of the refused range it falls in.
    /// </summary>
    public string? Refusal(string host, IPAddress address, int port)
    {
        var range = AddressRanges.Classify(address);
        if (range is null)
        {
            return null;
        }

        foreach (var rule in Rules)
        {
            if (rule.Matches(host, address, port))
            {
                return null;
            }
        }

        return range;
    }

    public bool SameAs(EgressPolicy other) => Entries.SequenceEqual(other.Entries, StringComparer.Ordinal);
}
