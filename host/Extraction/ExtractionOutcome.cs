using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Extraction;

/// <summary>A successful extraction: which plugin answered, the media, and how to download it.</summary>
/// <param name="Route">The routing that led here.</param>
/// <param name="Plugin">The plugin that answered (the one whose result is used, after any fallback).</param>
/// <param name="Post">The media.</param>
/// <param name="Via">When the plugin delegated, the yt-dlp request whose formats <paramref name="Post"/> lists: download through yt-dlp.</param>
internal sealed record ExtractionOutcome(RouteResult Route, PluginHandle Plugin, MediaPost Post, YtDlpRequest? Via);
