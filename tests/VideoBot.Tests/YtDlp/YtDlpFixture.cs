using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.YtDlp;

/// <summary>A small site for yt-dlp: an HTML5 video page, an og:video page, a file, an HLS stream (four one-second segments), a longer one (twelve) and a file that trickles.</summary>
internal static class YtDlpFixture
{
    public static async Task<FixtureSite> StartAsync()
    {
        var mp4 = await TestMedia.Mp4Async();
        var hlsDir = await Downloading.SegmentedHls.FolderAsync(seconds: 4);
        var longHlsDir = await Downloading.SegmentedHls.FolderAsync(seconds: 12);
        return await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/page.html", () => Results.Content(
                "<html><head><title>My clip</title></head><body><video src=\"/media/clip.mp4\"></video></body></html>", "text/html"));
            app.MapGet("/og.html", () => Results.Content(
                "<html><head><title>OG</title><meta property=\"og:title\" content=\"OG title\"><meta property=\"og:video\" content=\"/media/clip.mp4\"></head><body></body></html>",
                "text/html"));
            app.MapGet("/media/clip.mp4", () => FixtureSite.File(mp4, "video/mp4"));
            app.MapGet("/hls/{name}", (string name) =>
                name.Contains("..") || !File.Exists(Path.Combine(hlsDir, name))
                    ? Results.NotFound()
                    : FixtureSite.File(Path.Combine(hlsDir, name), name.EndsWith(".ts") ? "video/mp2t" : "application/vnd.apple.mpegurl"));
            app.MapGet("/long-hls/{name}", (string name) =>
                name.Contains("..") || !File.Exists(Path.Combine(longHlsDir, name))
                    ? Results.NotFound()
                    : FixtureSite.File(Path.Combine(longHlsDir, name), name.EndsWith(".ts") ? "video/mp2t" : "application/vnd.apple.mpegurl"));
            app.MapGet("/trickle.mp4", async (HttpContext context) =>
            {
                context.Response.ContentType = "video/mp4";
                context.Response.ContentLength = 10 * 1024 * 1024;
                var chunk = new byte[4096];
                try
                {
                    for (var i = 0; i < 2560; i++)
                    {
                        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(100, context.RequestAborted);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        });
    }
}

/// <summary>Finds running processes by their command line (Linux <c>/proc</c>).</summary>
internal static class RunningProcesses
{
    /// <summary>
    /// PIDs of processes whose arguments include <paramref name="argument"/> exactly; with <paramref name="parent"/>, only
    /// that process's children. yt-dlp forks helpers (ffmpeg and runtime probes), and a forked child shows yt-dlp's own
    /// command line until it execs: counting children of the test process only tells yt-dlp from those.
    /// </summary>
    public static IReadOnlyList<int> WithArgument(string argument, int? parent = null)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Contains(argument) && (parent is null || ParentOf(pid) == parent))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }

    private static int? ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.TryParse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], out var ppid) ? ppid : null;
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}

/// <summary>A shell script standing in for yt-dlp, to see exactly what the engine starts (or that it starts nothing).</summary>
internal static class StandIn
{
    public static async Task<string> WriteAsync(string folder, string body)
    {
        var script = Path.Combine(folder, "yt-dlp");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }
}
