using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Messages;
using VideoBot.Host.Splitting;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>
/// A video over the upload limit in every format (<c>Telegram:SplitLargeFiles</c>): its smallest format is downloaded (up to
/// <c>Telegram:MaxSplitParts</c> times the limit) and cut into playable parts under the limit, sent as "part 1/3"….
/// </summary>
internal sealed class LargeVideoParts(
    IMediaDownloader downloader, VideoSplitter splitter, MessageCatalog messages, IOptions<TelegramOptions> telegram)
{
    public async Task<IReadOnlyList<OutgoingFile>> FetchAsync(
        MediaItem item, FormatPreferences preferences, Func<MediaFormat, DownloadRequest> request, IProgress<DownloadProgress> progress,
        Caching.SentKind kind, string? thumbnail, string language, CancellationToken cancellationToken)
    {
        var limit = telegram.Value.UploadLimit;
        var budget = limit * telegram.Value.MaxSplitParts;
        var wide = preferences with { MaxBytes = budget };

        // The fewer parts the better: the smallest format with sound first (sizes unknown go after the known ones).
        var candidates = FormatSelector.Rank(item, wide)
            .OrderBy(f => preferences.MergeAudio || f.HasAudio ? 0 : 1)
            .ThenBy(f => FormatSelector.EstimatedSize(item, f, wide) ?? long.MaxValue)
            .ToList();
        MediaTooLargeException? tooLarge = null;
        foreach (var format in candidates)
        {
            DownloadedFile file;
            try
            {
                file = await downloader.DownloadAsync(request(format) with { MaxBytes = budget }, progress, cancellationToken);
            }
            catch (MediaTooLargeException e)
            {
                tooLarge = e;
                continue;
            }

            var parts = await splitter.SplitAsync(file.Path, limit, telegram.Value.MaxSplitParts, cancellationToken);
            if (parts.Count > 1)
            {
                File.Delete(file.Path);
            }

            return [.. parts.Select((part, i) => new OutgoingFile(kind, part.Path, null)
            {
                Width = format.Width,
                Height = format.Height,
                Duration = (int)Math.Round(part.Duration.TotalSeconds),
                ThumbnailPath = thumbnail,
                Label = parts.Count > 1 ? messages.Plain(language, "caption.part", ("index", i + 1), ("count", parts.Count)) : null,
            })];
        }

        throw tooLarge ?? new MediaTooLargeException(limit, null);
    }
}
