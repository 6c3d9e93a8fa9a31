using System.Net.Http.Headers;
using VideoBot.Host.Network;

namespace VideoBot.Host.PluginTesting;

/// <summary>
/// The transport <c>videobot record</c> lends a plugin: every request goes out for real through the host's client (the address
/// rule, origin overrides and a cap on the body all apply), one hop at a time so the plugin's own redirect handling and
/// permissions judge each hop, and every answer is kept to be written as a fixture under the URL the plugin asked for.
/// </summary>
internal sealed class FixtureRecorder(HttpClient network, long maxBodyBytes) : HttpMessageHandler
{
    /// <summary>
    /// Response headers worth replaying: where a redirect goes, how long a rate limit lasts, and the cookies a site sets (a
    /// plugin whose later requests need them, as reddit's API needs the session cookie its first page sets, replays only with them).
    /// </summary>
    public static readonly IReadOnlyList<string> KeptHeaders = ["Location", "Retry-After", "Set-Cookie"];

    private readonly List<RecordedResponse> _responses = [];

    /// <summary>The answers so far, in the order they arrived.</summary>
    public IReadOnlyList<RecordedResponse> Responses
    {
        get { lock (_responses) { return [.. _responses]; } }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The plugin's client has already sent this message; a copy goes through the host's client.
        using var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            copy.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            foreach (var header in request.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        copy.Options.Set(GatewayRequestOptions.FollowRedirects, false);
        using var answer = await network.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await ReadCappedAsync(answer, request.RequestUri!, cancellationToken).ConfigureAwait(false);
        var headers = KeptHeaders
            .Where(name => answer.Headers.Contains(name))
            .Select(name => new KeyValuePair<string, string>(name, string.Join(", ", answer.Headers.GetValues(name))))
            .ToList();
        var recorded = new RecordedResponse(request.RequestUri!, (int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString(), body, headers);
        lock (_responses)
        {
            // The same URL twice (a HEAD, then a GET) keeps the answer with a body.
            var key = FixtureParser.Key(recorded.Url);
            var index = _responses.FindIndex(r => FixtureParser.Key(r.Url) == key);
            if (index < 0)
            {
                _responses.Add(recorded);
            }
            else if (body.Length > 0 || _responses[index].Body.Length == 0)
            {
                _responses[index] = recorded;
            }
        }

        var response = new HttpResponseMessage(answer.StatusCode) { RequestMessage = request, Version = answer.Version };
        foreach (var header in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : body);
        if (answer.Content.Headers.ContentType is { } type)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type.ToString());
        }

        return response;
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage answer, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBodyBytes)
            {
                throw new HttpRequestException(
                    $"the answer for {UrlText.Of(url)} is over {maxBodyBytes / (1024 * 1024)} MB (Network:MaxPluginResponseMb); not recorded");
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>One answer as recorded: the URL the plugin asked for, and what came back.</summary>
internal sealed record RecordedResponse(
    Uri Url, int Status, string? ContentType, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);
