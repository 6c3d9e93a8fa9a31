namespace VideoBot.Sdk.Extraction;

/// <summary>
/// Turns a URL that the router matched to this plugin into a description of its media.
/// An assembly plugin exposes exactly one public, non-abstract implementation with a parameterless constructor
/// (or names one in its manifest's <c>type</c>).
/// </summary>
/// <remarks>
/// The host may call <see cref="ExtractAsync"/> concurrently from several jobs: keep implementations stateless,
/// or make their state thread-safe. Throw <see cref="ExtractionException"/> for every failure the user should hear about.
/// </remarks>
public interface IExtractor
{
    /// <summary>Describes the media behind <paramref name="request"/>.</summary>
    /// <param name="request">The normalized URL and what the router learned while matching it.</param>
    /// <param name="context">What the host lends this run: HTTP, logging, settings.</param>
    /// <param name="cancellationToken">Cancelled when the user cancels, the job times out or the host stops.</param>
    /// <returns>The media, or a hand-over to the host's yt-dlp engine.</returns>
    /// <exception cref="ExtractionException">The media can't be described; its <see cref="ExtractionException.Kind"/> says why.</exception>
    Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken);
}
