using System.Globalization;
using System.Text;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>Flat playlist listings: the engine's one run that reads a playlist, channel or profile rather than a post.</summary>
internal sealed partial class YtDlpEngine
{
    /// <summary>The largest flat listing read: a page of a playlist's titles and links stays far below.</summary>
    private const int MaxListingBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Lists entries <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 (1-based) of the playlist
    /// at <paramref name="request"/> with <c>--flat-playlist -I first:last</c>: titles and links only, no entry is extracted, and
    /// a playlist of 10,000 items is read no further than the page that holds the last one asked for.
    /// </summary>
    /// <exception cref="ExtractionException">The URL was refused, yt-dlp is missing, failed (kind from its error) or timed out.</exception>
    public async Task<PlaylistPage> ListAsync(YtDlpRequest request, string pluginId, int first, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        YtDlpArguments.ValidateUrl(request.Url);
        return await WithAccountAsync(pluginId, account => ListAsync(request, pluginId, first, count, account, cancellationToken));
    }

    private async Task<PlaylistPage> ListAsync(
        YtDlpRequest request, string pluginId, int first, int count, CookieAccount? account, CancellationToken cancellationToken)
    {
        var process = CreateProcess();
        using var cookies = CookiesCopy.Create(account);
        var args = YtDlpArguments.Common(request, cookies?.Path, ProxyFor(pluginId));
        // Later options win: these replace Common's --no-playlist and its ten-entry cap for this one run.
        var items = string.Create(CultureInfo.InvariantCulture, $"{first}:{first + count - 1}");
        args.AddRange(["--yes-playlist", "--flat-playlist", "--playlist-items", items, "-J", "--no-progress"]);
        YtDlpArguments.WithUrl(args, request.Url);

        using var json = new MemoryStream();
        var result = await process.RunAsync(
            args, "playlist", Path.GetTempPath(), TimeSpan.FromSeconds(_options.MetadataTimeoutSeconds),
            YtDlpProcess.Bounded(json, MaxListingBytes), CancellationToken.None, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw Failed(result);
        }

        if (json.Length >= MaxListingBytes)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"yt-dlp's playlist listing exceeds {MaxListingBytes / (1024 * 1024)} MB.");
        }

        return YtDlpPlaylistJson.Parse(Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length), first);
    }
}
