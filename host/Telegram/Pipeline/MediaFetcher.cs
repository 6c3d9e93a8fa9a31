using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Extraction;
using VideoBot.Host.Messages;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Telegram.Pipeline;

/// <summary>
/// Downloads every item of an extracted post into the job's folder: for each, the best format that fits the upload limit and
/// the user's settings, falling back to the next-ranked format when a download overruns the limit.
/// </summary>
internal sealed class MediaFetcher(
    IMediaDownloader downloader,
    ThumbnailFetcher thumbnails,
    AudioExtractor audio,
    MessageCatalog messages,
    IOptions<TelegramOptions> telegram)
{
    /// <summary>Telegram's largest photo upload; bigger images go as documents.</summary>
    private const long MaxPhotoBytes = 10L * 1024 * 1024;

    public async Task<IReadOnlyList<OutgoingFile>> FetchAsync(
        ExtractionOutcome outcome, UserSettings settings, string directory, StatusMessage status, string language, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var post = outcome.Post;
        var limit = telegram.Value.UploadLimit;
        var preferences = new FormatPreferences(limit, settings.AudioOnly, settings.MaxHeight, MergeAudio: outcome.Via is not null);
        var files = new List<OutgoingFile>(post.Items.Count);
        for (var i = 0; i < post.Items.Count; i++)
        {
            var item = post.Items[i];
            var progress = new ProgressText(status, messages, language, i, post.Items.Count);
            var (format, file) = await DownloadAsync(item, preferences, outcome, directory, $"item{i + 1}", progress, cancellationToken);
            var kind = KindFor(item.Kind, settings, file.Length);
            var path = file.Path;
            if (kind == SentKind.Audio && item.Kind != MediaKind.Audio && format.HasVideo)
            {
                status.Show(messages.Html(language, "status.converting"));
                path = await audio.ExtractAsync(path, format.AudioCodec, cancellationToken);
            }

            var thumbnailUrl = item.Thumbnail ?? post.Thumbnail;
            var thumbnail = kind is SentKind.Video or SentKind.Audio or SentKind.Document && thumbnailUrl is not null
                ? await thumbnails.FetchAsync(thumbnailUrl!, Path.Combine(directory, $"thumb{i + 1}"), cancellationToken)
                : null;
            var duration = item.Duration ?? (post.Items.Count == 1 ? post.Duration : null);
            files.Add(new OutgoingFile(kind, path, null)
            {
                Width = format.Width,
                Height = format.Height,
                Duration = duration is { } d ? (int)Math.Round(d.TotalSeconds) : null,
                ThumbnailPath = thumbnail,
                Title = item.Title ?? post.Title,
                Performer = post.Uploader,
            });
        }

        return files;
    }

    private async Task<(MediaFormat Format, DownloadedFile File)> DownloadAsync(
        MediaItem item, FormatPreferences preferences, ExtractionOutcome outcome, string directory, string baseName,
        IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        var ranked = FormatSelector.Rank(item, preferences);
        MediaTooLargeException? tooLarge = null;
        foreach (var format in ranked)
        {
            try
            {
                var request = new DownloadRequest(format, outcome.Via, directory, baseName, preferences.MaxBytes, outcome.Plugin.Id);
                return (format, await downloader.DownloadAsync(request, progress, cancellationToken));
            }
            catch (MediaTooLargeException e)
            {
                // The size was unknown or an estimate; a lower-ranked format may still fit.
                tooLarge = e;
            }
        }

        throw tooLarge ?? new MediaTooLargeException(preferences.MaxBytes, SmallestKnownSize(item));
    }

    private static long? SmallestKnownSize(MediaItem item) =>
        item.Formats.Where(f => f.Size is not null).Select(f => f.Size).Min();

    private static SentKind KindFor(MediaKind kind, UserSettings settings, long length) => kind switch
    {
        _ when settings.AudioOnly && kind is MediaKind.Video or MediaKind.Audio => SentKind.Audio,
        MediaKind.Audio => SentKind.Audio,
        MediaKind.Image => length > MaxPhotoBytes ? SentKind.Document : SentKind.Photo,
        MediaKind.Animation => SentKind.Animation,
        _ => settings.SendAs == SendAs.Document ? SentKind.Document : SentKind.Video,
    };
}
