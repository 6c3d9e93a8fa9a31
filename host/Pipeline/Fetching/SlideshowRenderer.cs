using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>
/// Renders a photo slideshow into one MP4 with ffmpeg: each photo shown for an equal share of the sound's length, every photo
/// scaled to fit one frame and padded (black bars) to it, H.264 + AAC (the original sound, re-encoded once), playable in every
/// Telegram client. The frame takes the first photo's shape, at most 1280 pixels on its longer side.
/// </summary>
internal sealed class SlideshowRenderer(IOptions<YtDlpOptions> options)
{
    /// <summary>Longest side of the frame: sharp on phones, small enough to upload quickly.</summary>
    public const int MaxSide = 1280;

    /// <summary>How long each photo shows when the sound's length is unknown (then the video ends with the shorter of the two).</summary>
    public static readonly TimeSpan FallbackPerPhoto = TimeSpan.FromSeconds(3);

    /// <summary>The frame for photos whose size the site did not give: TikTok's portrait 9:16.</summary>
    private const int DefaultWidth = 720, DefaultHeight = 1280;

    public async Task<string> RenderAsync(
        IReadOnlyList<string> photos, string sound, TimeSpan? soundLength, (int Width, int Height)? firstPhoto, string output, CancellationToken cancellationToken)
    {
        if (photos.Count == 0)
        {
            throw new ArgumentException("A slideshow needs at least one photo.", nameof(photos));
        }

        var (width, height) = Frame(firstPhoto);
        var each = soundLength is { TotalSeconds: > 0 } length ? length / photos.Count : FallbackPerPhoto;
        var seconds = Math.Max(0.1, each.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        foreach (var photo in photos)
        {
            args.AddRange(["-loop", "1", "-framerate", "25", "-t", seconds, "-i", photo]);
        }

        args.AddRange(["-i", sound]);
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");
        var chains = photos.Select((_, i) => string.Create(CultureInfo.InvariantCulture,
            $"[{i}:v]scale={size}:force_original_aspect_ratio=decrease,pad={size}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=25,format=yuv420p[v{i}]"));
        var inputs = string.Concat(photos.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"[v{i}]")));
        var graph = string.Join(';', chains) + ";" + inputs + string.Create(CultureInfo.InvariantCulture, $"concat=n={photos.Count}:v=1:a=0[v]");
        args.AddRange(["-filter_complex", graph, "-map", "[v]", "-map", string.Create(CultureInfo.InvariantCulture, $"{photos.Count}:a:0")]);
        args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "26", "-pix_fmt", "yuv420p"]);
        args.AddRange(["-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", output]);

        var result = await CliWrap.Cli.Wrap(options.Value.FfmpegPath)
            .WithArguments(args)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"ffmpeg could not render the slideshow (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }

        return output;
    }

    /// <summary>The frame: the first photo's shape within <see cref="MaxSide"/>, in even pixels (H.264's 4:2:0 needs them).</summary>
    public static (int Width, int Height) Frame((int Width, int Height)? first)
    {
        if (first is not { Width: > 0, Height: > 0 } size)
        {
            return (DefaultWidth, DefaultHeight);
        }

        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(size.Width, size.Height));
        static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
        return (Even(size.Width * scale), Even(size.Height * scale));
    }
}
