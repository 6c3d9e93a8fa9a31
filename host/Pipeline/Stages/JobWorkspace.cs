using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// What an admitted job holds while it runs (<see cref="AdmissionStage.OpenAsync"/>): one of the host's slots, its clock (the
/// time limit, counted from the slot, not from the queue ahead of it), a private folder and its status message. Disposing it
/// removes the folder, however the job ended, then lets go of the message and the slot.
/// </summary>
internal sealed class JobWorkspace(
    IDisposable slot, CancellationTokenSource clock, TimeSpan timeLimit, long started, string directory, IStatusMessage status, ILogger logger)
    : IAsyncDisposable
{
    /// <summary>The user's token and the time limit together.</summary>
    public CancellationToken Token => clock.Token;

    /// <summary>True once the clock ran out (or the user cancelled: tell the two apart by the user's own token first).</summary>
    public bool TimedOut => clock.IsCancellationRequested;

    public TimeSpan TimeLimit => timeLimit;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

    /// <summary>The job-private folder under the storage's tmp; created by the fetch stage.</summary>
    public string Directory => directory;

    public IStatusMessage Status => status;

    public async ValueTask DisposeAsync()
    {
        RemoveDirectory();
        await status.DisposeAsync();
        clock.Dispose();
        slot.Dispose();
    }

    private void RemoveDirectory()
    {
        for (var attempt = 0; attempt < 3 && System.IO.Directory.Exists(directory); attempt++)
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process killed on cancellation (ffmpeg, yt-dlp) may hold a file a moment longer.
                if (attempt == 2)
                {
                    PipelineLog.TempCleanupFailed(logger, e, directory);
                }
                else
                {
                    Thread.Sleep(200);
                }
            }
        }
    }
}
