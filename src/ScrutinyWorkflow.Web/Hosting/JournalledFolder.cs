using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// Files in one folder written whole and durably, each once under its name, with one flush to disk for every file
/// waiting at the time rather than one per file: the mail folder's messages, which the runner writes many at once.
/// </summary>
/// <remarks>
/// <para>
/// The guarantee is <see cref="AtomicFile"/>'s and a little more: when <see cref="WriteAsync"/> returns true the file
/// is under its name with every byte and stays so through a crash or a power cut (the move into place is made durable
/// too, which <see cref="AtomicFile"/> leaves to the system); nobody ever sees part of a file under its name; an
/// existing file is never replaced, so a name is written once.
/// </para>
/// <para>
/// How: writers queue their files, and whoever finds nobody flushing takes every file waiting (at most
/// <see cref="MaxBatch"/>), appends them to a journal of this writer's own in <c>.journal/</c>, and flushes that one
/// file (fsync): from then on they are kept. Only then is each written to a temporary name and moved into place,
/// without a flush of its own, and the writers are answered. Writers arriving meanwhile wait for the next flush. An
/// earlier attempt flushed the whole file system (syncfs) for each group, which on a machine where other processes
/// write a lot made one message wait on all their pages; the journal's flush is bounded by our own bytes.
/// </para>
/// <para>
/// After a crash the next writer on the folder (made at start) reads every journal nobody holds open and writes again
/// any file missing or not whole, each flushed, then drops the journal. A journal past <see cref="SegmentBytes"/> is
/// closed and, once its files are on disk (one syncfs on Linux, that nobody waits for; elsewhere a flush of each
/// file), deleted; a new one takes its place.
/// </para>
/// </remarks>
public sealed class JournalledFolder : IDisposable
{
    /// <summary>At most this many files share one flush, so a flush's work (and the memory its files hold) is bounded.</summary>
    public const int MaxBatch = 256;

    /// <summary>A journal this long is closed and replaced, so what a start has to read back is bounded.</summary>
    public const long SegmentBytes = 4 * 1024 * 1024;

    private const string JournalFolderName = ".journal";
    private const string JournalExtension = ".journal";
    private static readonly byte[] Magic = "SWJ1"u8.ToArray();
    private const int HeaderLength = 12;
    private const int HashLength = 32;

    private readonly string folder;
    private readonly string journals;
    private readonly Lock gate = new();
    private readonly Queue<Waiting> waiting = new();
    private bool flushing;
    private FileStream? segment;
    private string? segmentPath;
    private Task checkpoints = Task.CompletedTask;
    private bool disposed;

    public JournalledFolder(string folder)
    {
        this.folder = Path.GetFullPath(folder);
        journals = Path.Combine(this.folder, JournalFolderName);
        Recover();
    }

    /// <summary>How many times the journal has been flushed to disk: fewer than the files written when writers overlap.</summary>
    public long Flushes { get; private set; }

    /// <summary>How many files wait for the next flush.</summary>
    internal int Queued
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>Called by whoever flushes before it takes the files waiting: a test holds it there to gather a group.</summary>
    internal Action? BeforeFlush { get; init; }

    /// <summary>
    /// Writes the file whole and returns once it is durable: true, or false when a file of that name was there already
    /// (or another write of the same name got there first), which is what makes a retried write idempotent.
    /// </summary>
    public async Task<bool> WriteAsync(string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(fileName) != fileName || fileName.Length == 0 || fileName[0] == '.')
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name.", nameof(fileName));
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (File.Exists(Path.Combine(folder, fileName)))
        {
            return false;
        }
        var entry = new Waiting(fileName, content.ToArray());
        bool lead;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            waiting.Enqueue(entry);
            lead = !flushing;
            flushing = true;
        }
        // Not cancellable from here on: the file is queued, and whoever flushes next keeps it either way.
        if (lead)
        {
            FlushWhileWaiting();
        }
        return await entry.Done.Task;
    }

    /// <summary>Closes the journal; the next writer on the folder reads it back (as after a crash) and drops it.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            if (!flushing)
            {
                // Otherwise the flush under way closes it when it is done with it.
                segment?.Dispose();
                segment = null;
            }
        }
    }

    private void FlushWhileWaiting()
    {
        while (true)
        {
            BeforeFlush?.Invoke();
            List<Waiting> batch;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    flushing = false;
                    if (disposed)
                    {
                        segment?.Dispose();
                        segment = null;
                    }
                    return;
                }
                batch = [];
                while (batch.Count < MaxBatch && waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }
            Flush(batch);
        }
    }

    private void Flush(List<Waiting> batch)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<Waiting>();
        foreach (var entry in batch)
        {
            if (names.Add(entry.FileName) && !File.Exists(Path.Combine(folder, entry.FileName)))
            {
                fresh.Add(entry);
            }
            else
            {
                entry.Done.TrySetResult(false);
            }
        }
        if (fresh.Count == 0)
        {
            return;
        }
        try
        {
            var journal = segment ??= OpenSegment();
            using var record = new MemoryStream();
            foreach (var entry in fresh)
            {
                WriteRecord(record, entry.FileName, entry.Content);
            }
            try
            {
                journal.Write(record.GetBuffer().AsSpan(0, (int)record.Length));
                // The one flush this group waits for: from here every file in it survives a crash.
                journal.Flush(flushToDisk: true);
                Flushes++;
            }
            catch
            {
                // A journal that failed part way may end in half a record: nothing more goes after it.
                journal.Dispose();
                segment = null;
                throw;
            }
            foreach (var entry in fresh)
            {
                try
                {
                    entry.Done.TrySetResult(Publish(entry.FileName, entry.Content, flush: false, replace: false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Kept in the journal all the same: the next start writes it, and a retry finds it there.
                    entry.Done.TrySetException(ex);
                }
            }
            if (journal.Length >= SegmentBytes)
            {
                segment = null;
                // Not journal.Name, which is still the name it was made under before it was moved into place.
                var full = segmentPath!;
                journal.Dispose();
                checkpoints = checkpoints.ContinueWith(_ => Checkpoint(full, wholeFileSystem: true), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
        catch (Exception ex)
        {
            fresh.ForEach(entry => entry.Done.TrySetException(ex));
        }
    }

    /// <summary>
    /// A journal of this writer's own, held open (and so locked against another writer's recovery) for its life. It is
    /// made under a name recovery does not read and renamed once locked, so no recovery ever sees it unlocked.
    /// </summary>
    private FileStream OpenSegment()
    {
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            SyncDirectory(Path.GetDirectoryName(folder)!);
        }
        if (!Directory.Exists(journals))
        {
            Directory.CreateDirectory(journals);
            SyncDirectory(folder);
        }
        var name = Path.Combine(journals, $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}");
        var stream = new FileStream(name + ".new", FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            File.Move(name + ".new", name + JournalExtension);
            // The journal's own name must survive a crash, or the files it keeps are lost with it.
            SyncDirectory(journals);
            segmentPath = name + JournalExtension;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes one file into place: a temporary name beside it, then a move.</summary>
    private bool Publish(string fileName, ReadOnlySpan<byte> content, bool flush, bool replace) =>
        AtomicFile.Write(Path.Combine(folder, fileName), content, replace, flush);

    /// <summary>
    /// Reads back every journal nobody holds: a file it kept that is missing or not whole (the crash came before the
    /// system wrote it out) is written again and flushed, and the journal is dropped once all of them are on disk.
    /// </summary>
    private void Recover()
    {
        if (!Directory.Exists(journals))
        {
            return;
        }
        foreach (var path in Directory.GetFiles(journals, "*" + JournalExtension).Order(StringComparer.Ordinal))
        {
            FileStream journal;
            try
            {
                journal = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (IOException)
            {
                // Another writer on this folder is alive and holds it: its files are its own to keep.
                continue;
            }
            using (journal)
            {
                var rewritten = false;
                foreach (var (fileName, content) in ReadRecords(journal))
                {
                    var target = Path.Combine(folder, fileName);
                    if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(content))
                    {
                        Publish(fileName, content, flush: true, replace: true);
                        rewritten = true;
                    }
                }
                if (rewritten)
                {
                    SyncDirectory(folder);
                }
            }
            // Files found whole may still be only in memory if the system did not crash: make them durable first, each
            // on its own (a start should not wait on every other process's pages, as a syncfs would).
            Checkpoint(path, wholeFileSystem: false);
        }
    }

    /// <summary>
    /// Makes every file a closed journal kept durable on its own, then drops the journal: in the background by one
    /// flush of the whole file system, which nobody waits for; at a start file by file.
    /// </summary>
    private void Checkpoint(string journalPath, bool wholeFileSystem)
    {
        try
        {
            if (!(wholeFileSystem && SyncFileSystem(folder)))
            {
                using var journal = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                foreach (var (fileName, _) in ReadRecords(journal))
                {
                    var target = Path.Combine(folder, fileName);
                    if (File.Exists(target))
                    {
                        using var file = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                        file.Flush(flushToDisk: true);
                    }
                }
                SyncDirectory(folder);
            }
            File.Delete(journalPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next start to read back: a journal is only ever extra safety.
        }
    }

    private static void WriteRecord(Stream journal, string fileName, byte[] content)
    {
        var name = Encoding.UTF8.GetBytes(fileName);
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], name.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], content.Length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(name);
        hash.AppendData(content);
        journal.Write(header);
        journal.Write(name);
        journal.Write(content);
        journal.Write(hash.GetHashAndReset());
    }

    /// <summary>The journal's records up to the first that is not whole (a crash mid-write): those after it were never kept.</summary>
    private static List<(string FileName, byte[] Content)> ReadRecords(FileStream journal)
    {
        var records = new List<(string, byte[])>();
        var header = new byte[HeaderLength];
        while (journal.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) == HeaderLength && header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            var nameLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
            var contentLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            if (nameLength is <= 0 or > 1024 || contentLength < 0 || contentLength > journal.Length - journal.Position - nameLength - HashLength)
            {
                break;
            }
            var body = new byte[nameLength + contentLength + HashLength];
            if (journal.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) != body.Length)
            {
                break;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(header);
            hash.AppendData(body, 0, nameLength + contentLength);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(body.AsSpan(nameLength + contentLength)))
            {
                break;
            }
            var fileName = Encoding.UTF8.GetString(body, 0, nameLength);
            if (Path.GetFileName(fileName) == fileName && fileName[0] != '.')
            {
                records.Add((fileName, body[nameLength..(nameLength + contentLength)]));
            }
        }
        return records;
    }

    /// <summary>Makes a folder's entries (a file made, moved or removed in it) durable; where that cannot be asked for, the system's own journal has to do.</summary>
    private static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var descriptor = Native.Open(path, Native.ReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw new IOException($"The folder {path} could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Native.FSync(descriptor) != 0)
            {
                throw new IOException($"The folder {path} could not be flushed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }

    /// <summary>Flushes the whole file system holding the folder (Linux's syncfs); false where there is no such call.</summary>
    private static bool SyncFileSystem(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        var descriptor = Native.Open(path, Native.ReadOnlyDirectory);
        if (descriptor < 0)
        {
            return false;
        }
        try
        {
            return Native.SyncFs(descriptor) == 0;
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }

    private sealed record Waiting(string FileName, byte[] Content)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static class Native
    {
        // O_RDONLY | O_DIRECTORY | O_CLOEXEC on Linux.
        public const int ReadOnlyDirectory = 0x10000 | 0x80000;

        [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int FSync(int descriptor);

        [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SyncFs(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int descriptor);
    }
}
