using System.Security.Cryptography;
using System.Text;

namespace Skein.Host.Engine;

/// <summary>
/// The id of a child workflow, derived from its parent's id and the step that starts it so that a replay or a crash
/// finds the same child: <c>{parentId}-{name}-{count}</c> when that is a valid instance id, otherwise <c>c</c> and the
/// first 40 hex digits of the SHA-256 of that text (a long parent id or a step name with spaces, say).
/// </summary>
internal static class ChildIds
{
    public static string For(string parentId, string name, int count)
    {
        var plain = $"{parentId}-{name}-{count}";
        if (InstanceIds.IsValid(plain))
        {
            return plain;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(plain));
        return "c" + Convert.ToHexStringLower(hash)[..40];
    }
}
