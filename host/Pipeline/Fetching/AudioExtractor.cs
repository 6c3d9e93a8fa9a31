using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>
/// Makes the sound file of a sound-only answer: an <c>.m4a</c> (AAC copied as is, any other codec re-encoded to AAC, which every
/// Telegram client plays), or an <c>.mp3</c> when the user's settings ask for it. Works on a downloaded video (the site offered
/// no audio-only format) and on an audio file in another container (webm/opus, ogg).
/// </summary>
internal sealed class AudioExtractor(IOptions<YtDlpOptions> options)
{
    public Task<string> ExtractAsync(string videoPath, string? audioCodec, CancellationToken cancellationToken) =>
        ExtractAsync(videoPath, audioCodec, Caching.AudioFormat.M4a, cancellationToken);

    public async Task<string> ExtractAsync(string videoPath, string? audioCodec, Caching.AudioFormat format, CancellationToken cancellationToken)
    {
        var mp3 = format == Caching.AudioFormat.Mp3;
        var output = Path.Combine(Path.GetDirectoryName(videoPath)!, Path.GetFileNameWithoutExtension(videoPath) + (mp3 ? ".audio.mp3" : ".audio.m4a"));
        var copy = mp3
            ? audioCodec is not null && audioCodec.StartsWith("mp3", StringComparison.OrdinalIgnoreCase)
            : audioCodec is not null && audioCodec.StartsWith("mp4a", StringComparison.OrdinalIgnoreCase);
        string[] codec = copy ? ["-c:a", "copy"] : mp3 ? ["-c:a", "libmp3lame", "-q:a", "2"] : ["-c:a", "aac", "-b:a", "160k"];
        var result = await CliWrap.Cli.Wrap(options.Value.FfmpegPath)
            .WithArguments(["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", videoPath, "-vn", "-map", "0:a:0", .. codec, output])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"ffmpeg could not extract the sound (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }

        return output;
    }

    /// <summary>True when <paramref name="container"/> already is what <paramref name="format"/> asks for.</summary>
    public static bool IsAlready(string container, Caching.AudioFormat format) => format == Caching.AudioFormat.Mp3
        ? container is "mp3"
        : container is "m4a" or "aac";
}
