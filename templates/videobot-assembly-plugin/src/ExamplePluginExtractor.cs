using System.Net;
using System.Text.Json;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Plugins.ExamplePlugin;

/// <summary>
/// Example Plugin videos, from the site's JSON API (<c>https://example.com/api/videos/ID</c>). The host finds this class
/// because the manifest names it in <c>type</c>; it must stay public, with a parameterless constructor.
/// </summary>
/// <remarks>
/// The host calls <see cref="ExtractAsync"/> from several jobs at once: keep the class stateless. Every failure the user
/// should hear about is an <see cref="ExtractionException"/>; its kind decides the message.
/// </remarks>
public sealed class ExamplePluginExtractor : IExtractor
{
    /// <inheritdoc />
    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        var id = request.Group("id");
        if (string.IsNullOrEmpty(id))
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, $"no video id in {request.Url}");
        }

        // context.Http reaches only the hosts in the manifest's permissions.network, and never a private address.
        var apiUrl = new Uri($"https://example.com/api/videos/{Uri.EscapeDataString(id)}");
        using var response = await context.Http.GetAsync(apiUrl, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(id, response);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"the API answer for {id} is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return ExtractionResult.FromPost(VideoJson.ToPost(document.RootElement, id));
        }
    }

    /// <summary>What an error status means for the user.</summary>
    private static ExtractionException Failure(string id, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                new ExtractionException(ExtractionErrorKind.NotFound, $"video {id} does not exist ({status})"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new ExtractionException(ExtractionErrorKind.LoginRequired, $"video {id} needs a login ({status})"),
            HttpStatusCode.TooManyRequests =>
                new ExtractionException(ExtractionErrorKind.RateLimited, $"the API is rate-limiting us ({status})")
                {
                    RetryAfter = response.Headers.RetryAfter?.Delta,
                },
            _ when status >= 500 =>
                new ExtractionException(ExtractionErrorKind.Network, $"the API answered {status} for {id}"),
            _ => new ExtractionException(ExtractionErrorKind.SiteChanged, $"the API answered {status} for {id}"),
        };
    }
}
