using System.Diagnostics;

namespace VideoBot.Tests.Support;

/// <summary>
/// Real media files made with ffmpeg, once per machine, shared by all tests (and by test processes running at once: each
/// file or folder appears whole, by a rename).
/// </summary>
public static class TestMedia
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "videobot-test-media");
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>A short H.264/AAC mp4 (testsrc pattern and a tone); <paramref name="seconds"/> long, <paramref name="height"/> lines.</summary>
    public static Task<string> Mp4Async(int seconds = 2, int height = 240) =>
        MakeAsync($"clip-{seconds}s-{height}p.mp4",
            $"-f lavfi -i testsrc=duration={seconds}:size={height * 16 / 9 / 2 * 2}x{height}:rate=25 -f lavfi -i sine=frequency=440:duration={seconds} " +
            "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -b:a 64k -movflags +faststart -shortest");

    /// <summary>
    /// An H.264/AAC mp4 of about <paramref name="mebibytes"/> MiB (a little more: the audio and the container come on top), as a
    /// large direct link serves: noise at a constant 8.4 Mbit/s (1 MiB a second), so its size follows from its length.
    /// </summary>
    public static Task<string> Mp4OfSizeAsync(int mebibytes) =>
        MakeAsync($"sized-{mebibytes}mib.mp4",
            $"-f lavfi -i color=gray:size=426x240:rate=25,noise=alls=40:allf=t -f lavfi -i sine=frequency=440 -t {mebibytes} " +
            "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -b:v 8400k -minrate 8400k -maxrate 8400k -bufsize 4M -x264-params nal-hrd=cbr " +
            "-c:a aac -b:a 64k -movflags +faststart -shortest");

    /// <summary>As <see cref="Mp4Async"/>, with a keyframe every second (as streaming sites encode), so cuts can fall on whole seconds.</summary>
    public static Task<string> Mp4WithKeyframesAsync(int seconds = 5, int height = 240) =>
        MakeAsync($"clip-{seconds}s-{height}p-gop25.mp4",
            $"-f lavfi -i testsrc=duration={seconds}:size={height * 16 / 9 / 2 * 2}x{height}:rate=25 -f lavfi -i sine=frequency=440:duration={seconds} " +
            "-c:v libx264 -preset ultrafast -g 25 -pix_fmt yuv420p -c:a aac -b:a 64k -movflags +faststart -shortest");

    /// <summary>A 24 s, 45 MB mp4 at a constant 15 Mbit/s (filler data), with a keyframe every second: a video over the upload limit.</summary>
    public static Task<string> LargeMp4Async() =>
        MakeAsync("large-45mb.mp4",
            "-f lavfi -i testsrc=duration=24:size=640x360:rate=25 -f lavfi -i sine=frequency=440:duration=24 " +
            "-c:v libx264 -preset ultrafast -g 25 -b:v 15M -minrate 15M -maxrate 15M -bufsize 2M -x264-params nal-hrd=cbr " +
            "-pix_fmt yuv420p -c:a aac -b:a 64k -movflags +faststart -shortest");

    /// <summary>A JPEG still.</summary>
    public static Task<string> JpegAsync() =>
        MakeAsync("still.jpg", "-f lavfi -i testsrc=size=320x240 -frames:v 1");

    /// <summary>A JPEG photo of <paramref name="width"/>×<paramref name="height"/> (a slideshow's page; sizes differ to test the padding).</summary>
    public static Task<string> PhotoAsync(int width, int height) =>
        MakeAsync($"photo-{width}x{height}.jpg", $"-f lavfi -i testsrc2=size={width}x{height} -frames:v 1");

    /// <summary>An MP3 tone <paramref name="seconds"/> long (a slideshow's sound, as TikTok serves it).</summary>
    public static Task<string> Mp3Async(int seconds) =>
        MakeAsync($"tone-{seconds}s.mp3", $"-f lavfi -i sine=frequency=330:duration={seconds} -c:a libmp3lame -b:a 96k");

    /// <summary>An HLS playlist with its segments, in its own folder; returns the playlist path.</summary>
    public static async Task<string> HlsAsync(int seconds = 4)
    {
        var mp4 = await Mp4Async(seconds);
        var dir = Path.Combine(Root, $"hls-{seconds}s");
        var playlist = Path.Combine(dir, "index.m3u8");
        await Gate.WaitAsync();
        try
        {
            if (!System.IO.File.Exists(playlist))
            {
                // Made beside and moved in whole, as the clips are: another test process (the gate is only this one's) sees
                // no folder or a finished one, never a playlist ffmpeg is still writing.
                var partial = dir + ".part" + Guid.NewGuid().ToString("N")[..8];
                Directory.CreateDirectory(partial);
                await RunFfmpegAsync($"-i \"{mp4}\" -c copy -hls_time 1 -hls_list_size 0 -hls_segment_filename \"{partial}/seg%03d.ts\" \"{partial}/index.m3u8\"");
                if (Directory.Exists(dir) && !System.IO.File.Exists(playlist))
                {
                    Directory.Delete(dir, recursive: true); // left half-made by an interrupted run
                }

                try
                {
                    Directory.Move(partial, dir);
                }
                catch (IOException) when (System.IO.File.Exists(playlist))
                {
                    Directory.Delete(partial, recursive: true); // another process finished first
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        return playlist;
    }

    private static async Task<string> MakeAsync(string name, string args)
    {
        var path = Path.Combine(Root, name);
        await Gate.WaitAsync();
        try
        {
            if (!System.IO.File.Exists(path))
            {
                Directory.CreateDirectory(Root);
                var partial = path + ".part" + Path.GetExtension(path);
                await RunFfmpegAsync($"{args} -y \"{partial}\"");
                System.IO.File.Move(partial, path, overwrite: true);
            }
        }
        finally
        {
            Gate.Release();
        }

        return path;
    }

    private static async Task RunFfmpegAsync(string args)
    {
        var psi = new ProcessStartInfo("ffmpeg", "-hide_banner -loglevel error " + args)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {stderr}");
        }
    }
}
