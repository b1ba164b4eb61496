namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Decides whether a zip entry's name is a plain relative path that stays inside the folder it is extracted to
/// ("zip slip"). Zip names use <c>/</c>; anything that another platform would read as a root, a drive or a parent
/// is refused rather than normalized, because a normalized name is not what the tenant's tools will show.
/// </summary>
internal static class ZipEntryPath
{
    private const int MaxLength = 260;

    /// <summary>Why <paramref name="name"/> is unsafe, or null when it is safe.</summary>
    public static string? FindUnsafePart(string name)
    {
        if (name.Length == 0)
        {
            return "an empty name";
        }

        if (name.Length > MaxLength)
        {
            return $"a name longer than {MaxLength} characters";
        }

        if (name.Any(char.IsControl))
        {
            return "a control character";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "a backslash";
        }

        if (name[0] == '/')
        {
            return "an absolute path";
        }

        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
        {
            return "a drive letter";
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            return "a colon";
        }

        var segments = name.EndsWith('/') ? name[..^1].Split('/') : name.Split('/');
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return "an empty path segment";
            }

            if (segment is "." or "..")
            {
                return $"a '{segment}' segment";
            }
        }

        return null;
    }
}
