using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Plugins.Vimeo;

/// <summary>
/// The signed config URL from api.vimeo.com, the way cobalt and yt-dlp reach it: an app-only token from
/// <c>POST /oauth/authorize/client</c> (HTTP Basic with the app's client id and secret, <c>grant_type=client_credentials</c>),
/// then <c>GET /videos/{id}[:hash]</c> and its <c>config_url</c>. Used only when the operator gives the plugin a Vimeo app
/// (settings <c>apiClientId</c>, <c>apiClientSecret</c>); a refusal is logged and the next source is tried.
/// </summary>
internal sealed class VimeoApi(IExtractionContext context)
{
    private const string Accept = "application/vnd.vimeo.*+json;version=3.4";

    private string? ClientId => Setting("apiClientId");

    private string? ClientSecret => Setting("apiClientSecret");

    public bool IsConfigured => ClientId is not null && ClientSecret is not null;

    /// <summary>The video's signed config URL; null when the API would not give one (logged).</summary>
    /// <exception cref="ExtractionException">NotFound, when the API says the video does not exist.</exception>
    public async Task<Uri?> ConfigUrlAsync(string id, string? hash, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return null;
        }

        var video = string.IsNullOrEmpty(hash) ? id : $"{id}:{hash}";
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://api.vimeo.com/videos/{video}?fields=config_url"));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        using var response = await context.Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var answer = Parse(body);
        var errorCode = answer is { } a && a.RootElement.ValueKind == JsonValueKind.Object && a.RootElement.TryGetProperty("error_code", out var code)
            && code.TryGetInt32(out var number) ? number : (int?)null;
        using (answer)
        {
            // 5460 is the API's "not available where you are, log in" answer; a plain 404 is a video that does not exist.
            if (response.StatusCode == HttpStatusCode.NotFound && errorCode != 5460)
            {
                throw new ExtractionException(ExtractionErrorKind.NotFound, $"Vimeo video {id} does not exist (api.vimeo.com: 404)");
            }

            if (response.IsSuccessStatusCode && answer is { } document && document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("config_url", out var field) && field.ValueKind == JsonValueKind.String
                && VimeoPage.PlayerConfigUrl(field.GetString(), id) is { } configUrl)
            {
                return configUrl;
            }
        }

        Log.ApiRefused(context.Logger, id, (int)response.StatusCode, errorCode);
        return null;
    }

    private async Task<string?> TokenAsync(CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("https://api.vimeo.com/oauth/authorize/client"))
        {
            Content = new StringContent("grant_type=client_credentials&scope=public", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        using var response = await context.Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var answer = Parse(body);
        if (response.IsSuccessStatusCode && answer is { } document && document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(token.GetString()))
        {
            return token.GetString();
        }

        // Wrong or revoked app credentials are the operator's to fix; the user is still served from the other sources.
        Log.TokenRefused(context.Logger, (int)response.StatusCode);
        return null;
    }

    private string? Setting(string name) =>
        context.Settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static JsonDocument? Parse(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
