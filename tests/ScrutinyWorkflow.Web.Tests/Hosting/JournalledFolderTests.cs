using System.Diagnostics;
using System.Text;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Tests.Hosting;

/// <summary>
/// Files written many at a time with one flush to disk: each whole under its name once written and never a part of
/// one, each name written once, and after a crash every file a flush kept is put back whole.
/// </summary>
public sealed class JournalledFolderTests : IDisposable
{
    private readonly TemporaryFolder temp = new();

    private string Folder => temp.Combine("mail");

    private string Journals => Path.Combine(Folder, ".journal");

    [Fact]
    public async Task Files_written_while_a_flush_waits_are_kept_by_one_flush_and_each_is_whole_under_its_name()
    {
        var gathered = false;
        JournalledFolder? files = null;
        files = new JournalledFolder(Folder)
        {
            // The first writer to flush waits here until every other writer has queued, so all forty share its flush.
            BeforeFlush = () =>
            {
                if (!gathered)
                {
                    Until(() => files!.Queued == 40, "all forty writers to queue");
                    gathered = true;
                }
            },
        };
        using (files)
        {
            using var start = new ManualResetEventSlim();
            var writes = Enumerable.Range(0, 40).Select(n => Task.Run(async () =>
            {
                start.Wait();
                return await files.WriteAsync($"message-{n}.eml", Content(n), CancellationToken.None);
            })).ToList();
            start.Set();

            Assert.All(await Task.WhenAll(writes), Assert.True);
            Assert.Equal(1, files.Flushes);
        }
        Assert.Equal(Enumerable.Range(0, 40).Select(n => $"message-{n}.eml").Order(), Directory.GetFiles(Folder).Select(Path.GetFileName).Order());
        foreach (var n in Enumerable.Range(0, 40))
        {
            Assert.Equal(Content(n), await File.ReadAllBytesAsync(Path.Combine(Folder, $"message-{n}.eml")));
        }
    }

    [Fact]
    public async Task A_name_written_eight_times_at_once_is_written_once_and_the_other_writes_say_they_found_it()
    {
        using var files = new JournalledFolder(Folder);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => files.WriteAsync("same.eml", Content(n), CancellationToken.None))));

        Assert.Single(results, written => written);
        var kept = await File.ReadAllBytesAsync(Path.Combine(Folder, "same.eml"));
        Assert.Contains(Enumerable.Range(0, 8), n => Content(n).SequenceEqual(kept));
        Assert.Equal(["same.eml"], Directory.GetFiles(Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_file_already_there_is_left_as_it_was()
    {
        using var files = new JournalledFolder(Folder);
        Assert.True(await files.WriteAsync("report.eml", Content(1), CancellationToken.None));

        Assert.False(await files.WriteAsync("report.eml", Content(2), CancellationToken.None));

        Assert.Equal(Content(1), await File.ReadAllBytesAsync(Path.Combine(Folder, "report.eml")));
    }

    [Fact]
    public async Task After_a_crash_the_next_writer_puts_back_whole_every_file_a_flush_kept_that_the_disk_lost_and_drops_the_journal()
    {
        var files = new JournalledFolder(Folder);
        foreach (var n in Enumerable.Range(0, 3))
        {
            Assert.True(await files.WriteAsync($"message-{n}.eml", Content(n), CancellationToken.None));
        }
        // What a power cut can leave: the moves on disk but not the bytes (an empty file), or not even the move.
        files.Dispose();
        await File.WriteAllBytesAsync(Path.Combine(Folder, "message-0.eml"), []);
        File.Delete(Path.Combine(Folder, "message-1.eml"));
        await File.WriteAllBytesAsync(Path.Combine(Folder, "message-2.eml"), Content(2).AsMemory(0, 100).ToArray());

        using var next = new JournalledFolder(Folder);

        foreach (var n in Enumerable.Range(0, 3))
        {
            Assert.Equal(Content(n), await File.ReadAllBytesAsync(Path.Combine(Folder, $"message-{n}.eml")));
        }
        Assert.Empty(Directory.GetFiles(Journals));
        Assert.Equal(3, Directory.GetFiles(Folder).Length);
    }

    [Fact]
    public async Task A_record_cut_short_by_a_crash_is_not_put_back_and_the_records_before_it_are()
    {
        var files = new JournalledFolder(Folder);
        Assert.True(await files.WriteAsync("first.eml", Content(1), CancellationToken.None));
        Assert.True(await files.WriteAsync("second.eml", Content(2), CancellationToken.None));
        files.Dispose();
        // The crash came while the second record was being written: its end never reached the disk, nor either file.
        var journal = Assert.Single(Directory.GetFiles(Journals));
        await using (var stream = new FileStream(journal, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length - 10);
        }
        File.Delete(Path.Combine(Folder, "first.eml"));
        File.Delete(Path.Combine(Folder, "second.eml"));

        using var next = new JournalledFolder(Folder);

        Assert.Equal(Content(1), await File.ReadAllBytesAsync(Path.Combine(Folder, "first.eml")));
        Assert.False(File.Exists(Path.Combine(Folder, "second.eml")));
        Assert.True(await next.WriteAsync("second.eml", Content(2), CancellationToken.None));
    }

    [Fact]
    public async Task A_writer_made_beside_a_live_one_leaves_its_journal_alone_and_both_keep_writing()
    {
        using var live = new JournalledFolder(Folder);
        Assert.True(await live.WriteAsync("first.eml", Content(1), CancellationToken.None));
        var journal = Assert.Single(Directory.GetFiles(Journals));

        using var beside = new JournalledFolder(Folder);

        Assert.True(File.Exists(journal));
        Assert.True(await live.WriteAsync("second.eml", Content(2), CancellationToken.None));
        Assert.True(await beside.WriteAsync("third.eml", Content(3), CancellationToken.None));
        Assert.Equal(["first.eml", "second.eml", "third.eml"], Directory.GetFiles(Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_journal_grown_past_its_size_is_replaced_and_dropped_once_its_files_are_on_disk()
    {
        using var files = new JournalledFolder(Folder);
        var count = (int)(JournalledFolder.SegmentBytes / Content(0).Length) + 5;
        foreach (var n in Enumerable.Range(0, count))
        {
            Assert.True(await files.WriteAsync($"message-{n}.eml", Content(n), CancellationToken.None));
        }

        // The full journal is dropped in the background; the one after it holds the last few files.
        Until(() => Directory.GetFiles(Journals).Length == 1, "the full journal to be dropped");
        Assert.True(new FileInfo(Assert.Single(Directory.GetFiles(Journals))).Length < JournalledFolder.SegmentBytes);
        foreach (var n in Enumerable.Range(0, count))
        {
            Assert.Equal(Content(n), await File.ReadAllBytesAsync(Path.Combine(Folder, $"message-{n}.eml")));
        }
    }

    [Fact]
    public async Task A_name_with_a_folder_in_it_is_refused_before_anything_is_written()
    {
        using var files = new JournalledFolder(Folder);

        await Assert.ThrowsAsync<ArgumentException>(() => files.WriteAsync("../outside.eml", Content(1), CancellationToken.None));

        Assert.False(File.Exists(temp.Combine("outside.eml")));
    }

    // Large enough to take more than one write to the disk, so half a file would show as a shorter one.
    private static byte[] Content(int n) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"Message {n}: every child is seen within five working days. ", 2_000)));

    private static void Until(Func<bool> done, string what)
    {
        var limit = Stopwatch.StartNew();
        while (!done())
        {
            if (limit.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }
            Thread.Sleep(1);
        }
    }

    public void Dispose() => temp.Dispose();
}
