using VideoBot.Host.Media;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// A yt-dlp run that described a link and goes on downloading it (see <see cref="YtDlpPlan"/>): the job whose folder it writes
/// to takes its file once, with the format yt-dlp chose. Progress before that is kept back; the last state is reported at the end.
/// </summary>
internal sealed class YtDlpRun
{
    private readonly LateProgress _progress;
    private int _taken;

    internal YtDlpRun(string directory, MediaFormat format, LateProgress progress, Task<DownloadedFile> completion)
    {
        _progress = progress;
        Directory = directory;
        Format = format;
        Completion = completion;
        // A run nobody takes (the job failed first) must not leave an unobserved fault behind.
        _ = completion.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>The job's folder (full path) the run writes to.</summary>
    public string Directory { get; }

    /// <summary>The format yt-dlp chose (for a merge, the pair's id and the merged file's fields).</summary>
    public MediaFormat Format { get; }

    private Task<DownloadedFile> Completion { get; }

    /// <summary>
    /// The run's file, for the job downloading into <paramref name="directory"/>; null when the run belongs to another job's
    /// folder, or was taken already (a later job reading the same cached description downloads on its own).
    /// </summary>
    /// <exception cref="MediaTooLargeException">From the awaited task: the chosen format passed the cap.</exception>
    public Task<DownloadedFile>? Take(string directory, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (!string.Equals(Path.GetFullPath(directory), Directory, StringComparison.Ordinal) || Interlocked.Exchange(ref _taken, 1) != 0)
        {
            return null;
        }

        _progress.Follow(progress);
        return Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Progress that goes nowhere until the job taking the run names its sink.</summary>
    internal sealed class LateProgress : IProgress<DownloadProgress>
    {
        private volatile IProgress<DownloadProgress>? _target;

        public void Follow(IProgress<DownloadProgress>? target) => _target = target;

        public void Report(DownloadProgress value) => _target?.Report(value);
    }
}
