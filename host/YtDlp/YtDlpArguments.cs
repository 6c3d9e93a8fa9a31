using System.Globalization;
using System.Text.RegularExpressions;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// Builds yt-dlp's argument list. Every value is a separate argument (never a shell string), the URL always follows <c>--</c>,
/// no config file is read, and nothing a site or plugin supplies can become an option.
/// </summary>
internal static partial class YtDlpArguments
{
    /// <summary>The prefix of our progress lines on stdout.</summary>
    public const string ProgressMarker = "[videobot]";

    /// <summary>Most entries of a playlist or multi-video post described: a Telegram album holds at most ten.</summary>
    public const int MaxEntries = 10;

    private static readonly string[] ProxySchemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"];

    /// <summary>
    /// The options every run starts with. <paramref name="capabilities"/> adds <c>--js-runtimes</c>, <c>--remote-components</c>
    /// and <c>--impersonate</c> (the <paramref name="impersonate"/> target the operator set for the plugin) only where this
    /// yt-dlp supports them.
    /// </summary>
    public static List<string> Common(
        YtDlpRequest request, string? cookiesFile, string? proxy, YtDlpCapabilities? capabilities = null, string? impersonate = null,
        IReadOnlyList<string>? remoteComponents = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<string> args =
        [
            // No config file may add options such as --exec (CVE-2023-40581); this must come first.
            "--ignore-config",
            "--no-colors",
            // Only the post itself; an album's entries are read, a channel is not crawled.
            "--no-playlist",
            "--playlist-items", $"1:{MaxEntries.ToString(CultureInfo.InvariantCulture)}",
            "--socket-timeout", "20",
        ];

        if (!request.AllowGenericExtractor)
        {
            // The generic extractor follows any <video src> or redirect it finds: only the host's fallback may use it.
            args.Add("--ies");
            args.Add("default,-generic");
        }

        foreach (var value in ExtractorArgs(request))
        {
            args.Add("--extractor-args");
            args.Add(value);
        }

        if (capabilities?.JsRuntime is { } runtime)
        {
            args.Add("--js-runtimes");
            args.Add(runtime.Argument);
        }

        foreach (var component in capabilities?.RemoteComponentsFor(remoteComponents ?? []) ?? [])
        {
            args.Add("--remote-components");
            args.Add(component);
        }

        if (capabilities?.ImpersonateFor(impersonate) is { } target)
        {
            args.Add("--impersonate");
            args.Add(target);
        }

        if (cookiesFile is not null)
        {
            args.Add("--cookies");
            args.Add(cookiesFile);
        }

        if (proxy is not null)
        {
            args.Add("--proxy");
            args.Add(ValidateProxy(proxy));
        }

        return args;
    }

    /// <summary>Ends the list with <c>-- URL</c>, so the URL can never be read as an option.</summary>
    public static List<string> WithUrl(List<string> args, Uri url)
    {
        args.Add("--");
        args.Add(ValidateUrl(url));
        return args;
    }

    /// <summary>
    /// The URL as it is passed: absolute http(s) only (never <c>file://</c>), no whitespace or control characters anywhere.
    /// </summary>
    /// <exception cref="ExtractionException">With <see cref="ExtractionErrorKind.UnsupportedUrl"/>.</exception>
    public static string ValidateUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, "yt-dlp accepts only absolute http(s) URLs; this one was refused before running it.");
        }

        if (url.OriginalString.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || url.AbsoluteUri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, "The URL holds whitespace or control characters; it was refused before running yt-dlp.");
        }

        var text = url.AbsoluteUri;
        return text.StartsWith('-') ? throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, "The URL looks like an option.") : text;
    }

    /// <summary>
    /// One <c>--extractor-args</c> value per extractor, <c>key:arg=v1,v2;arg2=v3</c>. Keys, argument names and values may hold
    /// only letters, digits, <c>_ - .</c>; a value may also be a plain http(s) URL (a PO-token provider's base URL), which
    /// never holds yt-dlp's separators <c>, ; =</c>. Anything else is a plugin bug and is refused.
    /// </summary>
    /// <exception cref="ExtractionException">With <see cref="ExtractionErrorKind.PluginFault"/>.</exception>
    public static IEnumerable<string> ExtractorArgs(YtDlpRequest request)
    {
        foreach (var (key, arguments) in request.ExtractorArgs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Require(NamePattern().IsMatch(key), "extractor key");
            var parts = new List<string>();
            foreach (var (name, values) in arguments.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Require(NamePattern().IsMatch(name), "extractor argument name");
                Require(values.Count > 0 && values.All(v => ValuePattern().IsMatch(v) || UrlValuePattern().IsMatch(v)), "extractor argument value");
                parts.Add($"{name}={string.Join(',', values)}");
            }

            if (parts.Count > 0)
            {
                yield return $"{key}:{string.Join(';', parts)}";
            }
        }
    }

    /// <summary><c>Name:Value</c> for <c>--add-header</c>; headers with a malformed name or control characters are dropped.</summary>
    public static IEnumerable<string> Headers(IReadOnlyDictionary<string, string> headers) =>
        headers
            .Where(h => HeaderNamePattern().IsMatch(h.Key) && !h.Value.Any(char.IsControl))
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"{h.Key}:{h.Value}");

    /// <summary>The proxy URL, checked: one of yt-dlp's proxy schemes, no whitespace.</summary>
    public static string ValidateProxy(string proxy)
    {
        if (!Uri.TryCreate(proxy, UriKind.Absolute, out var uri)
            || !ProxySchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
            || proxy.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, "The configured yt-dlp proxy is not an http(s) or socks URL.");
        }

        return proxy;
    }

    /// <summary>A yt-dlp output template for <paramref name="directory"/>/<paramref name="baseName"/>.ext; <c>%</c> is escaped.</summary>
    public static string OutputTemplate(string directory, string baseName)
    {
        if (!BaseNamePattern().IsMatch(baseName))
        {
            throw new ArgumentException("The base name may hold only letters, digits, '_' and '-', and must not start with '-'.", nameof(baseName));
        }

        return Path.Combine(Path.GetFullPath(directory), baseName).Replace("%", "%%", StringComparison.Ordinal) + ".%(ext)s";
    }

    /// <summary>
    /// <c>--download-sections "*START-END"</c>, with <c>--force-keyframes-at-cuts</c> (a re-encode at the cuts) when the clip is precise.
    /// </summary>
    public static IEnumerable<string> Section(Media.ClipRange clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        yield return "--download-sections";
        yield return "*" + Media.ClipRange.Seconds(clip.Start) + "-" + Media.ClipRange.Seconds(clip.End);
        if (clip.Precise)
        {
            yield return "--force-keyframes-at-cuts";
        }
    }

    /// <summary>
    /// The site's own subtitles (never automatic captions) in the language, else English: embedded in the mp4 as <c>mov_text</c>,
    /// or kept beside it as <c>.srt</c>. The language must be a bare ISO 639 code; anything else falls back to English.
    /// </summary>
    public static IEnumerable<string> Subtitles(Media.SubtitleRequest subtitles)
    {
        ArgumentNullException.ThrowIfNull(subtitles);
        var language = LanguagePattern().IsMatch(subtitles.Language) ? subtitles.Language : "en";
        yield return "--write-subs";
        yield return "--sub-langs";
        yield return language == "en" ? "en.*" : $"{language}.*,en.*";
        if (subtitles.Embed)
        {
            yield return "--embed-subs";
        }
        else
        {
            yield return "--convert-subs";
            yield return "srt";
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"The plugin's yt-dlp {what} holds characters other than letters, digits, '_', '-' and '.'.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,255}$")]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"^https?://(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]{0,200})?$")]
    private static partial Regex UrlValuePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex BaseNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9!#$&'*+.^_`|~-]{0,63}$")]
    private static partial Regex HeaderNamePattern();
}
