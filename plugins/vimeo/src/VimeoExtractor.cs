using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Plugins.Vimeo;

/// <summary>
/// Vimeo videos, from the player's config JSON: the same document the embedded player reads, with the title, the owner,
/// the thumbnails and the progressive MP4 and HLS files. Its URL is signed: the plugin takes it where Vimeo gives it, in
/// this order, and does not build it:
/// <list type="number">
/// <item>the video's page (vimeo.com/ID, or the player page for player.vimeo.com links), as yt-dlp reads it;</item>
/// <item>api.vimeo.com with an app-only token, as cobalt does, when the operator configured a Vimeo app;</item>
/// <item>the unsigned <c>player.vimeo.com/video/ID/config</c>, which Vimeo may still answer;</item>
/// <item>yt-dlp, which can impersonate a browser, when Vimeo refused all of them.</item>
/// </list>
/// A source that proves the video gone, private or password-protected ends the extraction with that answer.
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

        // Unlisted videos carry a hash (vimeo.com/ID/HASH, or ?h=HASH on player links).
        var hash = request.Group("hash");
        var page = request.Url.IdnHost == "player.vimeo.com"
            ? new Uri(string.IsNullOrEmpty(hash) ? $"https://player.vimeo.com/video/{id}" : $"https://player.vimeo.com/video/{id}?h={Uri.EscapeDataString(hash)}")
            : new Uri(string.IsNullOrEmpty(hash) ? $"https://vimeo.com/{id}" : $"https://vimeo.com/{id}/{Uri.EscapeDataString(hash)}");

        var found = await FromPageAsync(page, id, context, cancellationToken).ConfigureAwait(false);
        if (found.Config is { } inline)
        {
            using (inline)
            {
                return ExtractionResult.FromPost(VimeoConfig.ToPost(inline.RootElement, id));
            }
        }

        var api = new VimeoApi(context);
        var signed = found.ConfigUrl ?? (api.IsConfigured ? await api.ConfigUrlAsync(id, hash, cancellationToken).ConfigureAwait(false) : null);
        if (signed is not null && await TryConfigAsync(signed, id, page, context, cancellationToken).ConfigureAwait(false) is { } post)
        {
            return ExtractionResult.FromPost(post);
        }

        var unsigned = new Uri(string.IsNullOrEmpty(hash)
            ? $"https://player.vimeo.com/video/{id}/config"
            : $"https://player.vimeo.com/video/{id}/config?h={Uri.EscapeDataString(hash)}");
        try
        {
            return ExtractionResult.FromPost(await ConfigAsync(unsigned, id, page, context, cancellationToken).ConfigureAwait(false));
        }
        catch (ExtractionException ex) when (IsRefusal(ex))
        {
            Log.Delegated(context.Logger, id, ex.Message);
            var canonical = string.IsNullOrEmpty(hash) ? $"https://vimeo.com/{id}" : $"https://vimeo.com/{id}/{hash}";
            return ExtractionResult.Delegate(new YtDlpRequest(new Uri(canonical)));
        }
    }

    /// <summary>The page's config or config URL. A 404 is final; any other refusal moves on to the next source.</summary>
    private static async Task<VimeoPage.Found> FromPageAsync(Uri page, string id, IExtractionContext context, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, page);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        HttpResponseMessage response;
        try
        {
            response = await context.Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            Log.PageRefused(context.Logger, id, 0);
            return new VimeoPage.Found(null, null);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                throw new ExtractionException(ExtractionErrorKind.NotFound, $"Vimeo video {id} does not exist ({(int)response.StatusCode})");
            }

            if (!response.IsSuccessStatusCode)
            {
                // 403 is Vimeo's answer to data-centre addresses and unusual TLS fingerprints on its pages.
                Log.PageRefused(context.Logger, id, (int)response.StatusCode);
                return new VimeoPage.Found(null, null);
            }

            var found = VimeoPage.Read(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), id);
            if (found.Config is null && found.ConfigUrl is null)
            {
                Log.NoConfigInPage(context.Logger, id);
            }

            return found;
        }
    }

    /// <summary>A signed config: final when it proves the video unavailable, null when it was merely refused.</summary>
    private static async Task<MediaPost?> TryConfigAsync(Uri url, string id, Uri referer, IExtractionContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ConfigAsync(url, id, referer, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ExtractionException ex) when (IsRefusal(ex))
        {
            Log.SignedConfigRefused(context.Logger, id, ex.Message);
            return null;
        }
    }

    private static async Task<MediaPost> ConfigAsync(Uri configUrl, string id, Uri referer, IExtractionContext context, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, configUrl);
        message.Headers.Referrer = referer;
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
            return VimeoConfig.ToPost(config.RootElement, id);
        }
    }

    /// <summary>
    /// A refusal of the request rather than an answer about the video: a block (403/429 without a delay to wait for), a
    /// page instead of JSON, a server or network failure. Another source, or yt-dlp, may still get through.
    /// </summary>
    private static bool IsRefusal(ExtractionException ex) =>
        ex.Kind is ExtractionErrorKind.SiteChanged or ExtractionErrorKind.Network
        || (ex.Kind == ExtractionErrorKind.RateLimited && ex.RetryAfter is null);

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
