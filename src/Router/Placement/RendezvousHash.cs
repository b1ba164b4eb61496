using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Skein.Router.Placement;

/// <summary>
/// Highest-random-weight (rendezvous) hashing: each (tenant, node) pair gets a stable score and the tenant goes to the
/// node with the highest. Adding or removing a node only changes the choice for the tenants that would go to it, and
/// the score is the same in every process and version (XxHash64, never <c>string.GetHashCode</c>).
/// </summary>
internal static class RendezvousHash
{
    /// <summary>The chosen node among <paramref name="nodes"/> (which must not be empty).</summary>
    public static string Pick(string tenant, IEnumerable<string> nodes)
    {
        string? best = null;
        ulong bestScore = 0;
        foreach (var node in nodes)
        {
            var score = Score(tenant, node);
            // Ties are all but impossible; break them by id so the choice never depends on the list's order.
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(node, best) < 0))
            {
                best = node;
                bestScore = score;
            }
        }

        return best ?? throw new ArgumentException("There is no node to choose from.", nameof(nodes));
    }

    public static ulong Score(string tenant, string node)
    {
        // A separator that neither id may contain, so ("ab", "c") and ("a", "bc") score differently.
        var bytes = Encoding.UTF8.GetBytes(tenant + "\n" + node);
        Span<byte> hash = stackalloc byte[8];
        XxHash64.Hash(bytes, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
