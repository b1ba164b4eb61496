using System.Text.Json;

namespace Skein.Host.Storage;

/// <summary>
/// A non-durable side journal of step attempt starts, one file per tenant beside its log
/// (<c>attempts.journal</c>), read at the next start to find attempts that a crash cut off.
/// <para>
/// Why not the log: the log commits with <c>synchronous=FULL</c>, and a durable write before every attempt would
/// double the fsyncs of the fast path. This file is written with one <c>write(2)</c> per attempt start and never
/// fsync'd: a killed process (<c>kill -9</c>, a crash, <c>FailFast</c>) loses nothing that reached the OS page
/// cache, which is every line written before the attempt's body ran. A power loss can lose recent lines; then the
/// attempts it cut off run again uncharged, as they did before this journal existed — a power loss is not a
/// crash loop.
/// </para>
/// <para>
/// The journal only says an attempt <em>started</em>; the log says whether it ended (its attempt row, or the step
/// completed). Nothing is written when an attempt ends: entries are dropped from memory, and the file is rewritten
/// with only the attempts still in flight once it grows past <see cref="RewriteBytes"/>. At start, the previous
/// session's file is set aside as <c>attempts.journal.recovering</c> until its cut-off attempts are committed to the
/// log, so a crash during recovery loses none of them (charging is idempotent: an attempt already charged is seen in
/// the log and skipped).
/// </para>
/// <para>
/// The file is open only while attempts are in flight: when the last one ends it is closed, and the next start
/// truncates it (nothing in it matters any more), so an idle tenant holds no descriptor for it.
/// </para>
/// Thread-safe: attempts of all the tenant's instances start concurrently.
/// </summary>
internal sealed class AttemptJournal : IDisposable
{
    /// <summary>Size past which the file is rewritten with the attempts in flight only.</summary>
    public const long RewriteBytes = 4L * 1024 * 1024;

    private readonly object _lock = new();
    private readonly string _path;
    private readonly string _recoveringPath;
    private readonly Dictionary<long, (AttemptStart Entry, CancellationToken Owner, byte[] Line)> _inFlight = [];
    private FileStream? _file;
    private long _nextHandle;
    private bool _disposed;

    private AttemptJournal(string path, IReadOnlyList<AttemptStart> previous)
    {
        _path = path;
        _recoveringPath = path + ".recovering";
        Previous = previous;
        OpenFresh(path).Dispose();
    }

    /// <summary>The attempts the previous sessions started, as their journals recorded them.</summary>
    public IReadOnlyList<AttemptStart> Previous { get; }

    /// <summary>
    /// Opens the journal at <paramref name="path"/>: whatever earlier sessions wrote is moved aside (and read into
    /// <see cref="Previous"/>) until <see cref="CompleteRecovery"/>; this session writes a new file.
    /// </summary>
    public static AttemptJournal Open(string path)
    {
        var recovering = path + ".recovering";
        if (File.Exists(path))
        {
            if (File.Exists(recovering))
            {
                // A recovery was cut off too: keep both sessions' entries.
                File.AppendAllText(recovering, File.ReadAllText(path));
                File.Delete(path);
            }
            else
            {
                File.Move(path, recovering);
            }
        }

        var previous = File.Exists(recovering) ? Read(recovering) : [];
        return new AttemptJournal(path, previous);
    }

    /// <summary>
    /// Records that an attempt starts; returns the handle for <see cref="End"/>. <paramref name="owner"/> is cancelled
    /// when the attempt's execution is abandoned: a rewrite then drops the entry.
    /// </summary>
    public long Start(AttemptStart entry, CancellationToken owner)
    {
        var line = AttemptStartJson.Line(entry);
        lock (_lock)
        {
            var handle = ++_nextHandle;
            if (_disposed)
            {
                return handle;
            }

            _inFlight[handle] = (entry, owner, line);
            // Unbuffered: the line is in the kernel (and survives the process) when this returns.
            _file ??= OpenFresh(_path);
            _file.Write(line);
            if (_file.Position > RewriteBytes)
            {
                Rewrite();
            }

            return handle;
        }
    }

    /// <summary>The attempt ended and its outcome is in the log (or no longer matters).</summary>
    public void End(long handle)
    {
        lock (_lock)
        {
            _inFlight.Remove(handle);
            if (_inFlight.Count == 0 || _inFlight.Values.All(e => e.Owner.IsCancellationRequested))
            {
                // Nothing in flight: the file says nothing a recovery needs; the next start truncates it.
                _inFlight.Clear();
                _file?.Dispose();
                _file = null;
            }
        }
    }

    /// <summary>The previous sessions' cut-off attempts are committed to the log: their journal can go.</summary>
    public void CompleteRecovery()
    {
        lock (_lock)
        {
            File.Delete(_recoveringPath);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _file?.Dispose();
        }
    }

    /// <summary>Reads a journal; a torn or foreign line (a power loss mid-write) is skipped.</summary>
    private static List<AttemptStart> Read(string path)
    {
        var entries = new List<AttemptStart>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (line.Length > 0 && AttemptStartJson.Read(line) is { InstanceId: not null } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // Not a whole line: nothing can be said about that attempt.
            }
        }

        return entries;
    }

    private static FileStream OpenFresh(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>
    /// Replaces the file by one holding only the attempts in flight: written aside, then renamed over, so a crash
    /// in between leaves one whole journal or the other.
    /// </summary>
    private void Rewrite()
    {
        foreach (var abandoned in _inFlight.Where(e => e.Value.Owner.IsCancellationRequested).Select(e => e.Key).ToList())
        {
            _inFlight.Remove(abandoned);
        }

        var temp = _path + ".new";
        using (var rewritten = OpenFresh(temp))
        {
            foreach (var (_, (_, _, line)) in _inFlight.OrderBy(e => e.Key))
            {
                rewritten.Write(line);
            }
        }

        _file?.Dispose();
        File.Move(temp, _path, overwrite: true);
        _file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }
}
