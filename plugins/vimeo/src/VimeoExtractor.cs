using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Plugins.Vimeo;

/// <summary>
/// Vimeo videos, from the player's config JSON (<c>https://player.vimeo.com/video/ID/config</c>): the same document the
/// embedded player reads, with the title, the owner, the thumbnails and the progressive MP4 and HLS files.
/// </summary>
public sealed class VimeoExtractor : IExtractor
{
    /// <inheritdoc />
    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        // On-demand titles, live events, review links, vimeopro portfolios and users' custom video URLs name a page, not a
        // video id the player config could be asked for: yt-dlp's Vimeo extractors read those pages, so they go on as routed.
        if (!string.IsNullOrEmpty(request.Group("form")))
        {
            return ExtractionResult.Delegate(new YtDlpRequest(request.Url));
        }

        var id = request.Group("id");
        if (string.IsNullOrEmpty(id) || !id.All(char.IsAsciiDigit))
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, $"no numeric Vimeo video id in {request.Url}");
        }

        // Unlisted videos carry a hash (vimeo.com/ID/HASH, or ?h=HASH on player links); the player wants it as ?h=.
        var hash = request.Group("hash");
        var configUrl = new Uri(string.IsNullOrEmpty(hash)
            ? $"https://player.vimeo.com/video/{id}/config"
            : $"https://player.vimeo.com/video/{id}/config?h={Uri.EscapeDataString(hash)}");

        using var message = new HttpRequestMessage(HttpMethod.Get, configUrl);
        message.Headers.Referrer = new Uri($"https://vimeo.com/{id}");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await context.Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(id, response, body);
        }

        JsonDocument config;
        try
        {
            config = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"the player config of {id} is not JSON: {ex.Message}", ex);
        }

        using (config)
        {
            var post = VimeoConfig.ToPost(config.RootElement, id);
            return ExtractionResult.FromPost(post);
        }
    }

    /// <summary>What an error status of the config endpoint means, as yt-dlp's Vimeo extractor reads them.</summary>
    private static ExtractionException Failure(string id, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var message = VimeoConfig.ErrorMessage(body) ?? response.ReasonPhrase ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                new ExtractionException(ExtractionErrorKind.NotFound, $"Vimeo video {id} does not exist ({status}: {message})"),
            HttpStatusCode.Forbidden when message.Contains("privacy", StringComparison.OrdinalIgnoreCase)
                || message.Contains("private", StringComparison.OrdinalIgnoreCase) =>
                new ExtractionException(ExtractionErrorKind.LoginRequired, $"Vimeo video {id} is private or embed-only ({message})"),
            HttpStatusCode.Forbidden when message.Contains("country", StringComparison.OrdinalIgnoreCase)
                || message.Contains("region", StringComparison.OrdinalIgnoreCase) =>
                new ExtractionException(ExtractionErrorKind.GeoBlocked, $"Vimeo video {id} is not available here ({message})"),
            // Vimeo answers 403 to data-centre addresses and unusual TLS fingerprints, and 429 when it rate-limits.
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests =>
                new ExtractionException(ExtractionErrorKind.RateLimited, $"Vimeo refused the request for {id} ({status}: {message})")
                {
                    RetryAfter = RetryAfter(response),
                },
            _ when status >= 500 =>
                new ExtractionException(ExtractionErrorKind.Network, $"Vimeo answered {status} for {id}"),
            _ => new ExtractionException(ExtractionErrorKind.SiteChanged, $"unexpected status {status} for the player config of {id}"),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta)
        {
            return delta;
        }

        return retry?.Date is { } date
            ? date - DateTimeOffset.UtcNow
            : response.Headers.TryGetValues("Retry-After", out var values)
              && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : null;
    }
}
