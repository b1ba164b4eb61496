using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Skein.Router.Nodes;

/// <summary>The nodes in <c>Router:Nodes</c>, by id, in configuration order.</summary>
internal sealed class NodeDirectory
{
    private readonly FrozenDictionary<string, Node> _byId;

    public NodeDirectory(IOptions<RouterOptions> options)
    {
        var router = options.Value;
        All = [.. router.Nodes.Select(n => new Node(n.Id!, new Uri(n.Url!), n.AdminKey ?? router.AdminKey!))];
        _byId = All.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Node> All { get; }

    public Node? Find(string id) => _byId.GetValueOrDefault(id);
}
