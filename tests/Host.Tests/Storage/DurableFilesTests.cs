using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// Which folders each durable file change flushes, observed in order (a power loss can undo a change whose parent
/// folder was not flushed), and what each change leaves on disk.
/// </summary>
public sealed class DurableFilesTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly List<string> _flushed = [];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Creating_nested_folders_flushes_the_parent_of_each_folder_created_top_down()
    {
        var root = Full("root");
        Directory.CreateDirectory(root);
        var leaf = Path.Combine(root, "a", "b", "c");

        Observe(() => DurableFiles.CreateDirectory(leaf));

        Assert.True(Directory.Exists(leaf));
        Assert.Equal([root, Path.Combine(root, "a"), Path.Combine(root, "a", "b")], _flushed);
    }

    [Fact]
    public void Creating_a_folder_that_exists_flushes_nothing()
    {
        var folder = Full("there");
        Directory.CreateDirectory(folder);

        Observe(() => DurableFiles.CreateDirectory(folder));

        Assert.Empty(_flushed);
    }

    [Fact]
    public void Moving_a_file_between_folders_flushes_the_destination_then_the_source()
    {
        var from = Full("from");
        var to = Full("to");
        Directory.CreateDirectory(from);
        Directory.CreateDirectory(to);
        File.WriteAllText(Path.Combine(from, "f"), "x");

        Observe(() => DurableFiles.Move(Path.Combine(from, "f"), Path.Combine(to, "g"), isDirectory: false));

        Assert.Equal("x", File.ReadAllText(Path.Combine(to, "g")));
        Assert.False(File.Exists(Path.Combine(from, "f")));
        Assert.Equal([to, from], _flushed);
    }

    [Fact]
    public void Renaming_a_folder_in_place_flushes_its_parent_once()
    {
        var parent = Full("parent");
        Directory.CreateDirectory(Path.Combine(parent, "old"));

        Observe(() => DurableFiles.Move(Path.Combine(parent, "old"), Path.Combine(parent, "new"), isDirectory: true));

        Assert.True(Directory.Exists(Path.Combine(parent, "new")));
        Assert.False(Directory.Exists(Path.Combine(parent, "old")));
        Assert.Equal([parent], _flushed);
    }

    [Fact]
    public void Deleting_flushes_the_parent_and_deleting_a_missing_folder_does_nothing()
    {
        var parent = Full("p");
        Directory.CreateDirectory(Path.Combine(parent, "sub", "deeper"));
        File.WriteAllText(Path.Combine(parent, "sub", "deeper", "f"), "x");
        File.WriteAllText(Path.Combine(parent, "file"), "x");

        Observe(() =>
        {
            DurableFiles.DeleteDirectory(Path.Combine(parent, "sub"));
            DurableFiles.DeleteFile(Path.Combine(parent, "file"));
            DurableFiles.DeleteDirectory(Path.Combine(parent, "never"));
        });

        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        Assert.Equal([parent, parent], _flushed);
    }

    [Fact]
    public void Flushing_a_tree_flushes_every_folder_in_it_and_the_tree_itself_last()
    {
        var tree = Full("tree");
        Directory.CreateDirectory(Path.Combine(tree, "a", "b"));
        File.WriteAllText(Path.Combine(tree, "a", "b", "f"), "x");

        Observe(() => DurableFiles.FlushTree(tree));

        Assert.Equal(3, _flushed.Count);
        Assert.Equal([Path.Combine(tree, "a"), Path.Combine(tree, "a", "b")], _flushed.Take(2).Order());
        Assert.Equal(tree, _flushed[^1]);
    }

    [Fact]
    public void A_file_written_atomically_replaces_the_old_one_leaves_no_temporary_and_is_flushed_into_its_folder()
    {
        var folder = Full("w");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "state.json");
        File.WriteAllText(path, "old content that is longer");

        Observe(() => DurableFiles.WriteAtomically(path, "new"u8.ToArray()));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal([folder], _flushed);
    }

    [Fact]
    public void Flushing_a_missing_file_fails_and_does_not_create_it()
    {
        var path = Full("missing.db");

        Assert.Throws<FileNotFoundException>(() => DurableFiles.FlushFile(path));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Flushing_a_missing_folder_fails_naming_it_with_the_errno_as_its_code()
    {
        var path = Full("missing");

        var error = Assert.Throws<IOException>(() => DurableFiles.FlushDirectory(path));

        Assert.Equal($"Cannot open folder '{path}' to flush it (errno 2).", error.Message);
        // ENOENT, carried as .NET's own Unix I/O errors carry theirs: how StorageFaults tells ENOSPC from other errors.
        Assert.Equal(2, error.HResult);
    }

    [Fact]
    public void An_observer_sees_flushes_until_disposed_and_the_one_before_it_is_restored()
    {
        var folder = Full("o");
        Directory.CreateDirectory(folder);
        var inner = new List<string>();
        using (DurableFiles.ObserveFolderFlushes(_flushed.Add))
        {
            using (DurableFiles.ObserveFolderFlushes(inner.Add))
            {
                DurableFiles.FlushDirectory(folder);
            }

            DurableFiles.FlushDirectory(folder);
            DurableFiles.FlushDirectory(folder);
        }

        DurableFiles.FlushDirectory(folder);

        Assert.Equal([folder], inner);
        Assert.Equal([folder, folder], _flushed);
    }

    private string Full(string name) => Path.GetFullPath(Path.Combine(_dir.Path, name));

    private void Observe(Action change)
    {
        using (DurableFiles.ObserveFolderFlushes(_flushed.Add))
        {
            change();
        }
    }
}
