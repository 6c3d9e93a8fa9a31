namespace VideoBot.Host.Extraction;

/// <summary>
/// From a user's URL to media: routes it, resolves short links, runs the candidate plugins in order (falling back on
/// <c>SiteChanged</c> and plugin faults, ending with yt-dlp), and resolves yt-dlp hand-overs into formats.
/// </summary>
internal interface IExtractionService
{
    /// <summary>Extracts <paramref name="url"/>.</summary>
    /// <exception cref="VideoBot.Sdk.Extraction.ExtractionException">The final failure, after every candidate was tried; <c>UnsupportedUrl</c> when none claims it.</exception>
    Task<ExtractionOutcome> ExtractAsync(string url, CancellationToken cancellationToken);
}
