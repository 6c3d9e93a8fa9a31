using System.Diagnostics;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Downloading;

/// <summary>
/// An HLS stream of one-second segments (a keyframe every second, which <see cref="TestMedia.HlsAsync"/>'s stream-copied clip
/// lacks), made once per run from <see cref="TestMedia.Mp4Async"/>.
/// </summary>
internal static class SegmentedHls
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The folder holding <c>index.m3u8</c> and <c>seg000.ts</c>... for a <paramref name="seconds"/>-second clip.</summary>
    public static async Task<string> FolderAsync(int seconds = 4)
    {
        var mp4 = await TestMedia.Mp4Async(seconds);
        var dir = Path.Combine(Path.GetTempPath(), "videobot-test-media", $"hls-segmented-{seconds}s");
        var playlist = Path.Combine(dir, "index.m3u8");
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(playlist))
            {
                var work = dir + ".part";
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }

                Directory.CreateDirectory(work);
                var psi = new ProcessStartInfo("ffmpeg")
                {
                    ArgumentList =
                    {
                        "-hide_banner", "-loglevel", "error", "-i", mp4, "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                        "-keyint_min", "25", "-sc_threshold", "0", "-c:a", "copy", "-f", "hls", "-hls_time", "1", "-hls_list_size", "0",
                        "-hls_segment_filename", Path.Combine(work, "seg%03d.ts"), Path.Combine(work, "index.m3u8"),
                    },
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                using var process = Process.Start(psi)!;
                var stderr = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ffmpeg failed: {stderr}");
                }

                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                Directory.Move(work, dir);
            }
        }
        finally
        {
            Gate.Release();
        }

        return dir;
    }
}
