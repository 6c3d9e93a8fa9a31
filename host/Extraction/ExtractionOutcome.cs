using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Extraction;

/// <summary>A successful extraction: which plugin answered, the media, and how to download it.</summary>
/// <param name="Route">The routing that led here.</param>
/// <param name="Plugin">The plugin that answered (the one whose result is used, after any fallback).</param>
/// <param name="Post">The media.</param>
/// <param name="Via">
/// When the plugin delegated, the yt-dlp hand-over whose formats <paramref name="Post"/> lists, with yt-dlp's description:
/// download through yt-dlp, from that description; when the job planned its download, with the run already downloading it.
/// </param>
internal sealed record ExtractionOutcome(RouteResult Route, PluginHandle Plugin, MediaPost Post, YtDlpHandOver? Via);
