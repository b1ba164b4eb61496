using System.Text.Json;

namespace Skein.Cli.Profiles;

/// <summary>
/// The profiles in <c>$XDG_CONFIG_HOME/skein/profiles.json</c> (else <c>~/.config/skein/profiles.json</c>). The file
/// holds API keys, so it is written readable by its owner only, and replaced whole so a crash never leaves half of it.
/// </summary>
internal sealed class ProfileStore(Func<string, string?> variable)
{
    public const string DefaultName = "default";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder
    {
        get
        {
            if (variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
            {
                return Path.Combine(xdg, "skein");
            }

            var home = variable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".config", "skein");
        }
    }

    public string FilePath => Path.Combine(Folder, "profiles.json");

    public Profile? Find(string name) => Read().Profiles.GetValueOrDefault(name);

    public void Save(string name, Profile profile)
    {
        var file = Read();
        file.Profiles[name] = profile;
        CreateFolder();
        var temp = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, file, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a file it creates: a temp file left by a crash keeps its mode otherwise.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, FilePath, overwrite: true);
    }

    private ProfileFile Read()
    {
        if (!File.Exists(FilePath))
        {
            return new ProfileFile(new Dictionary<string, Profile>(StringComparer.Ordinal));
        }

        try
        {
            var file = JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(FilePath), Json);
            return new ProfileFile(new Dictionary<string, Profile>(file?.Profiles ?? [], StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new CliFailure($"{FilePath} is not a valid profiles file ({e.Message}); fix it or delete it and run 'skein login' again.");
        }
    }

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
