using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoBot.Plugins.Vimeo;

/// <summary>
/// Where a Vimeo page says its player config is, as yt-dlp reads it: the signed config URL in a <c>data-config-url</c>
/// attribute or a <c>"config_url"</c> field (<c>vimeo.clip_page_config</c>, the page's JSON data), or, on a
/// player.vimeo.com page, the config itself assigned to <c>window.playerConfig</c>.
/// </summary>
internal static partial class VimeoPage
{
    /// <summary>What a page gave: the config document itself, or the URL to fetch it from; both null when it gave neither.</summary>
    public sealed record Found(JsonDocument? Config, Uri? ConfigUrl);

    public static Found Read(string page, string id)
    {
        if (InlineConfig(page) is { } config)
        {
            return new Found(config, null);
        }

        var attribute = DataConfigUrl().Match(page);
        if (attribute.Success && PlayerConfigUrl(WebUtility.HtmlDecode(attribute.Groups["url"].Value), id) is { } fromAttribute)
        {
            return new Found(null, fromAttribute);
        }

        foreach (Match field in JsonConfigUrl().Matches(page))
        {
            if (PlayerConfigUrl(JsonString(field.Groups["url"].Value), id) is { } fromJson)
            {
                return new Found(null, fromJson);
            }
        }

        return new Found(null, null);
    }

    /// <summary>A config URL only counts when it is the player's config of this very video, over https.</summary>
    public static Uri? PlayerConfigUrl(string? text, string id) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url)
        && url.Scheme == Uri.UriSchemeHttps
        && url.IdnHost == "player.vimeo.com"
        && url.AbsolutePath.StartsWith($"/video/{id}/config", StringComparison.Ordinal)
            ? url
            : null;

    /// <summary><c>window.playerConfig = {...}</c>: the object literal is JSON, read to its closing brace.</summary>
    private static JsonDocument? InlineConfig(string page)
    {
        var marker = PlayerConfigAssignment().Match(page);
        if (!marker.Success)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(page[(marker.Index + marker.Length)..]);
        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            reader.Skip();
            return JsonDocument.Parse(bytes.AsMemory(0, (int)reader.BytesConsumed));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? JsonString(string escaped)
    {
        try
        {
            return JsonSerializer.Deserialize<string>("\"" + escaped + "\"");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\bdata-config-url=""(?<url>[^""]+)""", RegexOptions.None, 1000)]
    private static partial Regex DataConfigUrl();

    [GeneratedRegex(@"""config_?[uU]rl""\s*:\s*""(?<url>(?:[^""\\]|\\.){1,2000})""", RegexOptions.None, 1000)]
    private static partial Regex JsonConfigUrl();

    [GeneratedRegex("""\b(?:window\.)?playerConfig\s*=\s*(?=\{)""", RegexOptions.None, 1000)]
    private static partial Regex PlayerConfigAssignment();
}
