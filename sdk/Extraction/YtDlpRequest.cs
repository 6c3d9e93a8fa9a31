namespace VideoBot.Sdk.Extraction;

/// <summary>
/// A hand-over to the host's yt-dlp engine. The host builds the command line itself: these values are passed as
/// separate arguments after validation, never through a shell, and never as free-form options.
/// </summary>
/// <param name="Url">The URL for yt-dlp; an http or https URL on one of the plugin's permitted hosts.</param>
public sealed record YtDlpRequest(Uri Url)
{
    /// <summary>
    /// Extractor arguments, as yt-dlp's <c>--extractor-args</c> takes them: extractor key to argument to values,
    /// for example <c>youtube → player_client → [web_safari, web]</c>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> ExtractorArgs { get; init; }
        = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>Lets yt-dlp use its generic extractor. Only the host's fallback sets this; the router decides, not the plugin.</summary>
    public bool AllowGenericExtractor { get; init; }
}
