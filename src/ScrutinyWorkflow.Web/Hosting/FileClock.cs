using System.Globalization;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// For tests that run the real host as a child process through weeks in seconds (the crash test): the time is whatever
/// instant the file named by <c>Scrutiny:Testing:ClockFile</c> holds, read again whenever the file changes. Timers
/// still run on the machine's clock, so a sleeping runner wakes within its poll interval to see the new time.
/// Never set in production: nothing else moves the time on.
/// </summary>
public sealed class FileClock(string path) : TimeProvider
{
    public const string Setting = "Scrutiny:Testing:ClockFile";

    // One reference, swapped whole, so a thread never reads one reading's time with another's file stamp.
    private Reading last = new(default, default);

    /// <summary>The clock the setting names, or the machine's.</summary>
    public static TimeProvider FromConfiguration(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } path ? new FileClock(path) : System;

    public override DateTimeOffset GetUtcNow()
    {
        var written = File.GetLastWriteTimeUtc(path);
        var seen = Volatile.Read(ref last);
        if (written == seen.Written)
        {
            return seen.Now;
        }
        // The writer replaces the file whole (write then rename), so a read never sees half an instant.
        var now = DateTimeOffset.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        Volatile.Write(ref last, new Reading(written, now));
        return now;
    }

    private sealed record Reading(DateTime Written, DateTimeOffset Now);
}
