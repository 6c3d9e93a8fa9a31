using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>Drives the yt-dlp executable. STUB: replaced by the CliWrap engine.</summary>
internal sealed class YtDlpEngine
{
    /// <summary>Describes <paramref name="request"/> with <c>yt-dlp -J</c>.</summary>
    public Task<MediaPost> ExtractAsync(YtDlpRequest request, string pluginId, CancellationToken cancellationToken) =>
        throw new ExtractionException(ExtractionErrorKind.PluginFault, "yt-dlp engine not built yet");

    /// <summary>yt-dlp's version, or null when it is missing.</summary>
    public Task<string?> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
