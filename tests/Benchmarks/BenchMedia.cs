using System.Diagnostics;

namespace VideoBot.Benchmarks;

/// <summary>Real H.264/AAC files made with ffmpeg once and kept in <see cref="BenchPaths.Media"/>.</summary>
internal static class BenchMedia
{
    /// <summary>A 720p clip of about <paramref name="megabytes"/> MB (8 Mbit/s, so one second is 1 MB).</summary>
    public static async Task<string> ClipAsync(int megabytes)
    {
        Directory.CreateDirectory(BenchPaths.Media);
        var path = Path.Combine(BenchPaths.Media, $"clip-{megabytes}mb.mp4");
        if (File.Exists(path))
        {
            return path;
        }

        var partial = path + ".part.mp4";
        var args = $"-hide_banner -loglevel error -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440 -t {megabytes} " +
                   "-c:v libx264 -preset ultrafast -b:v 7800k -maxrate 7800k -bufsize 4M -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart -y " + partial;
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", args) { RedirectStandardError = true })!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + stderr);
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }
}
