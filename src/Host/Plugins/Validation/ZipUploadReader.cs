using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Reads the files worth keeping out of an uploaded zip without trusting it: names are checked before anything is
/// inflated, sizes and ratios are checked from the headers before an entry is opened, and each entry is read into
/// a buffer of its declared size, so an entry whose header lies is caught after one byte too many, not after
/// inflating a bomb.
/// </summary>
internal static class ZipUploadReader
{
    private const int SymbolicLinkMode = 0xA000;

    public static List<UploadEntry> Read(ReadOnlyMemory<byte> body, string uploadName, UploadLimits limits,
        ProblemList problems, List<string> dropped)
    {
        var entries = new List<UploadEntry>();
        using var stream = OpenRead(body);
        ZipArchive archive;
        IReadOnlyCollection<ZipArchiveEntry> all;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
            all = archive.Entries;
        }
        catch (InvalidDataException e)
        {
            problems.Add(UploadProblemCodes.ZipCorrupt, uploadName, $"{uploadName} is not a readable zip file: {e.Message}");
            return entries;
        }

        using (archive)
        {
            if (all.Count > limits.MaxEntries)
            {
                problems.Add(UploadProblemCodes.ZipTooManyEntries, uploadName,
                    $"{uploadName} has {all.Count} entries; at most {limits.MaxEntries} are allowed.");
                return entries;
            }

            var state = new ReadState(uploadName, limits, problems);
            foreach (var entry in all)
            {
                if (ReadEntry(entry, state) is { } file)
                {
                    entries.Add(file);
                }
                else if (state.Dropped is { } path)
                {
                    dropped.Add(path);
                }
            }
        }

        return entries;
    }

    private static UploadEntry? ReadEntry(ZipArchiveEntry entry, ReadState state)
    {
        state.Dropped = null;
        var name = entry.FullName;
        if (ZipEntryPath.FindUnsafePart(name) is { } unsafePart)
        {
            state.Problems.Add(UploadProblemCodes.ZipUnsafePath, state.UploadName,
                $"{state.UploadName}: entry \"{name}\" has {unsafePart}; entries must be relative paths inside the folder.",
                api: name);
            return null;
        }

        if (((entry.ExternalAttributes >> 16) & 0xF000) == SymbolicLinkMode)
        {
            state.Problems.Add(UploadProblemCodes.ZipUnsafePath, state.UploadName,
                $"{state.UploadName}: entry \"{name}\" is a symbolic link; only plain files are allowed.", api: name);
            return null;
        }

        if (name.EndsWith('/'))
        {
            return null;
        }

        if (!state.Names.Add(name))
        {
            state.Problems.Add(UploadProblemCodes.ZipDuplicateEntry, state.UploadName,
                $"{state.UploadName}: entry \"{name}\" appears more than once (names are compared ignoring case).", api: name);
            return null;
        }

        if (!UploadFileKinds.IsKept(name))
        {
            state.Dropped = name;
            return null;
        }

        return CheckSizes(entry, state) ? Inflate(entry, state) : null;
    }

    private static bool CheckSizes(ZipArchiveEntry entry, ReadState state)
    {
        var limits = state.Limits;
        if (entry.Length > limits.CompressionRatioFloorBytes
            && entry.Length > Math.Max(entry.CompressedLength, 1) * limits.MaxCompressionRatio)
        {
            state.Problems.Add(UploadProblemCodes.ZipCompressionRatio, entry.FullName,
                $"{entry.FullName}: inflates from {entry.CompressedLength:N0} to {entry.Length:N0} bytes, more than "
                + $"{limits.MaxCompressionRatio}× — this looks like a zip bomb.");
            return false;
        }

        if (state.ExpandedBytes + entry.Length > limits.MaxExpandedBytes || entry.Length > Array.MaxLength)
        {
            if (!state.ReportedTooLarge)
            {
                state.ReportedTooLarge = true;
                state.Problems.Add(UploadProblemCodes.TooLarge, state.UploadName,
                    $"{state.UploadName}: the files inflate to more than {limits.MaxExpandedBytes:N0} bytes (at "
                    + $"\"{entry.FullName}\").");
            }

            return false;
        }

        return true;
    }

    private static UploadEntry? Inflate(ZipArchiveEntry entry, ReadState state)
    {
        var declared = (int)entry.Length;
        var buffer = new byte[declared];
        string? mismatch = null;
        try
        {
            using var content = entry.Open();
            var read = 0;
            while (read < declared && content.Read(buffer, read, declared - read) is var n and > 0)
            {
                read += n;
            }

            Span<byte> probe = stackalloc byte[1];
            if (read < declared)
            {
                mismatch = $"holds {read:N0} bytes but its header says {declared:N0}";
            }
            else if (content.Read(probe) > 0)
            {
                mismatch = $"inflates past the {declared:N0} bytes its header says";
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            // Corrupt data, encryption or a compression method .NET does not read.
            state.Problems.Add(UploadProblemCodes.ZipCorrupt, entry.FullName, $"{entry.FullName}: cannot be inflated: {e.Message}");
            return null;
        }

        state.ExpandedBytes += declared;
        if (mismatch is not null)
        {
            state.Problems.Add(UploadProblemCodes.ZipEntrySizeMismatch, entry.FullName, $"{entry.FullName}: {mismatch}.");
            return null;
        }

        return new UploadEntry(entry.FullName, buffer);
    }

    private static MemoryStream OpenRead(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);

    private sealed class ReadState(string uploadName, UploadLimits limits, ProblemList problems)
    {
        public string UploadName { get; } = uploadName;

        public UploadLimits Limits { get; } = limits;

        public ProblemList Problems { get; } = problems;

        public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

        public long ExpandedBytes { get; set; }

        public bool ReportedTooLarge { get; set; }

        public string? Dropped { get; set; }
    }
}
