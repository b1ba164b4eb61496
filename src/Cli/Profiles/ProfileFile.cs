namespace Skein.Cli.Profiles;

/// <summary><c>profiles.json</c>: the saved profiles by name.</summary>
internal sealed record ProfileFile(Dictionary<string, Profile> Profiles);
