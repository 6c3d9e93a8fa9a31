using System.Diagnostics;

namespace VideoBot.Host.Media;

/// <summary>
/// Passes progress on a few times a second at most (each report may become a Telegram message edit, which is rate-limited),
/// and computes the speed over the whole download so far.
/// </summary>
internal sealed class ProgressThrottle(IProgress<DownloadProgress>? target, TimeSpan? interval = null)
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.MinValue;
    private DownloadStage _lastStage = DownloadStage.Downloading;

    /// <summary>Reports <paramref name="bytes"/> of <paramref name="total"/> if enough time passed, or the stage changed, or <paramref name="force"/>.</summary>
    public void Report(long bytes, long? total, DownloadStage stage = DownloadStage.Downloading, double? bytesPerSecond = null, bool force = false)
    {
        if (target is null)
        {
            return;
        }

        var now = _clock.Elapsed;
        if (!force && stage == _lastStage && _last != TimeSpan.MinValue && now - _last < _interval)
        {
            return;
        }

        _last = now;
        _lastStage = stage;
        var speed = bytesPerSecond ?? (now.TotalSeconds > 0 ? bytes / now.TotalSeconds : 0);
        target.Report(new DownloadProgress(stage, bytes, total, speed));
    }
}
