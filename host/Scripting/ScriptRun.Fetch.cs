using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Promise;
using Jint.Runtime;
using Jint.Runtime.Interop;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>
/// <c>http.fetch</c>: requests validated on the engine's thread, sent on the pool, settled back on the engine's thread; and
/// <c>http.cookies</c>, what the run's cookie jar holds for a URL.
/// </summary>
internal sealed partial class ScriptRun
{
    // Enough for a page plus its API calls in parallel; a script firing hundreds at once is misbehaving, not extracting.
    private const int MaxFetchesInFlight = 16;

    private readonly List<(Task<FetchedResponse> Task, ManualPromise Promise)> _fetches = [];

    private JsValue Fetch(JsValue thisValue, JsValue[] args)
    {
        if (_fetches.Count >= MaxFetchesInFlight)
        {
            throw TypeError($"http.fetch: more than {MaxFetchesInFlight} requests in flight at once");
        }

        var request = ReadFetchRequest(args.At(0), args.At(1));
        var client = _context.Http;
        var maxBytes = _limits.MaxResponseBytes;
        var token = _runToken;
        var task = Task.Run(() => ScriptHttp.SendAsync(client, request, maxBytes, token), token);
        var promise = _engine.Advanced.RegisterPromise();
        _fetches.Add((task, promise));
        return promise.Promise;
    }

    // The jar belongs to the plugin's client (the host's PluginHttpClient), which sends and stores cookies by itself; this only
    // lets a script read them (a token a site set in a cookie and wants back in a header, say). Another client has no jar: {}.
    private JsValue Cookies(JsValue thisValue, JsValue[] args)
    {
        var urlValue = args.At(0);
        if (!urlValue.IsString() || !Uri.TryCreate(urlValue.AsString(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw TypeError($"http.cookies needs an absolute http(s) URL; got {Describe(urlValue)}");
        }

        var cookies = (_context.Http as Network.PluginHttpClient)?.Cookies.For(url) ?? new Dictionary<string, string>();
        var result = new JsObject(_engine);
        foreach (var (name, value) in cookies)
        {
            result.FastSetDataProperty(name, new JsString(value));
        }

        return result;
    }

    private FetchRequest ReadFetchRequest(JsValue urlValue, JsValue optionsValue)
    {
        if (!urlValue.IsString() || !Uri.TryCreate(urlValue.AsString(), UriKind.Absolute, out var url))
        {
            throw TypeError($"http.fetch needs an absolute URL; got {Describe(urlValue)}");
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw HostError(new ExtractionException(ExtractionErrorKind.PermissionDenied, $"script '{_pluginId}' may fetch only http(s) URLs, not {url}"));
        }

        if (optionsValue.IsUndefined() || optionsValue.IsNull())
        {
            return new FetchRequest(HttpMethod.Get, url, [], null, null, FollowRedirects: true);
        }

        if (!optionsValue.IsObject())
        {
            throw TypeError("http.fetch options must be an object");
        }

        // Options leave the engine as JSON: plain data only, whatever getters or prototypes the script dressed them in.
        using var document = JsonDocument.Parse(Serialize(optionsValue) ?? "{}");
        var options = document.RootElement;
        var method = options.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()!.ToUpperInvariant() : "GET";
        if (method is not ("GET" or "POST" or "HEAD"))
        {
            throw TypeError($"http.fetch method must be GET, POST or HEAD; got '{method}'");
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (options.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in h.EnumerateObject())
            {
                headers.Add(new(header.Name, header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText()));
            }
        }

        string? body = null;
        string? contentType = null;
        if (options.TryGetProperty("json", out var json) && json.ValueKind != JsonValueKind.Undefined)
        {
            body = json.GetRawText();
            contentType = "application/json";
        }
        else if (options.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String)
        {
            body = b.GetString();
        }

        var follow = !(options.TryGetProperty("redirect", out var r) && r.ValueKind == JsonValueKind.String && r.GetString() == "manual");
        return new FetchRequest(new HttpMethod(method), url, headers, body, contentType, follow);
    }

    /// <summary>Waits for at least one fetch and settles every finished one. False when none is in flight.</summary>
    private bool SettleNextFetches()
    {
        if (_fetches.Count == 0)
        {
            return false;
        }

        try
        {
            Task.WaitAny([.. _fetches.Select(fetch => (Task)fetch.Task)], _runToken);
        }
        catch (OperationCanceledException)
        {
            // The run's clock or the caller: the constraint check reports which, with the right message.
        }

        _runToken.ThrowIfCancellationRequested();
        foreach (var fetch in _fetches.Where(fetch => fetch.Task.IsCompleted).ToList())
        {
            _fetches.Remove(fetch);
            if (fetch.Task.IsCompletedSuccessfully)
            {
                fetch.Promise.Resolve(ToResponse(fetch.Task.Result));
                continue;
            }

            var failure = fetch.Task.Exception?.InnerException as ExtractionException
                ?? new ExtractionException(ExtractionErrorKind.Network, $"script '{_pluginId}': a request failed: {fetch.Task.Exception?.InnerException?.Message ?? "cancelled"}", fetch.Task.Exception);
            fetch.Promise.Reject(HostErrorValue(failure));
        }

        return true;
    }

    /// <summary>
    /// What a body that is not JSON means, where JSON was expected: the status or the page it ended on says more than "not
    /// JSON" does. A refusal or a login page is a login wall, not a broken plugin; only a plain page in place of an API answer
    /// says the site changed (and lets the next extractor try).
    /// </summary>
    private ExtractionException NotJson(FetchedResponse response, string parseError)
    {
        var prefix = $"script '{_pluginId}': the response from {Network.UrlText.Of(response.Url)}";
        return response.Status switch
        {
            401 or 403 => new(ExtractionErrorKind.LoginRequired, $"{prefix} is a refusal ({response.Status}), not JSON"),
            404 or 410 => new(ExtractionErrorKind.NotFound, $"{prefix} says not found ({response.Status}), not JSON"),
            429 => new(ExtractionErrorKind.RateLimited, $"{prefix} says too many requests (429), not JSON") { RetryAfter = RetryAfter(response) },
            >= 500 => new(ExtractionErrorKind.Network, $"{prefix} is a server error ({response.Status}), not JSON"),
            _ when LoginPage().IsMatch(response.Url.AbsolutePath) => new(ExtractionErrorKind.LoginRequired, $"{prefix} is a login page, not JSON"),
            _ => new(ExtractionErrorKind.SiteChanged, $"{prefix} is not JSON ({parseError})"),
        };
    }

    private static TimeSpan? RetryAfter(FetchedResponse response) =>
        ScriptValues.RetryAfter(response.Headers.GetValueOrDefault("retry-after"), response.Headers.GetValueOrDefault("date"), TimeProvider.System.GetUtcNow());

    // Where sites send a visitor they want logged in: /login, /accounts/login/, /i/flow/login, /signin, /sign-in, /auth/login.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|/)(?:log-?in|sign-?in|sign_in)(?:[/.;]|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LoginPage();

    private JsValue ToResponse(FetchedResponse response)
    {
        var headers = new JsObject(_engine);
        foreach (var (name, value) in response.Headers)
        {
            headers.FastSetDataProperty(name, new JsString(value));
        }

        _engine.Call(_engine.GetValue("Object").Get("freeze"), JsValue.Undefined, [headers]);
        var body = new JsString(response.Body);
        var result = new JsObject(_engine);
        result.FastSetDataProperty("status", JsNumber.Create(response.Status));
        result.FastSetDataProperty("ok", response.Status is >= 200 and <= 299 ? JsBoolean.True : JsBoolean.False);
        result.FastSetDataProperty("url", new JsString(response.Url.AbsoluteUri));
        result.FastSetDataProperty("headers", headers);
        result.FastSetDataProperty("text", new ClrFunction(_engine, "text", (_, _) => body));
        result.FastSetDataProperty("json", new ClrFunction(_engine, "json", (_, _) =>
        {
            try
            {
                return new JsonParser(_engine).Parse(response.Body);
            }
            catch (JavaScriptException ex)
            {
                throw HostError(NotJson(response, ex.Message));
            }
        }));
        return result;
    }
}
