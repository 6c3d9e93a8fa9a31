using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Extraction;
using VideoBot.Host.Messages;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>
/// Downloads every item of an extracted post into the job's folder: for each, the best format that fits the upload limit and
/// the user's settings, falling back to the next-ranked format when a download overruns the limit. A clip is cut while it is
/// fetched; a video over the limit in every format is split into parts (<see cref="LargeVideoParts"/>); sound only becomes an
/// m4a or mp3; subtitles kept as files follow their video as documents.
/// </summary>
internal sealed class MediaFetcher(
    IMediaDownloader downloader,
    ThumbnailFetcher thumbnails,
    AudioExtractor audio,
    LargeVideoParts parts,
    MessageCatalog messages,
    IOptions<TelegramOptions> telegram)
{
    /// <summary>Telegram's largest photo upload; bigger images go as documents.</summary>
    private const long MaxPhotoBytes = 10L * 1024 * 1024;

    public async Task<IReadOnlyList<OutgoingFile>> FetchAsync(
        ExtractionOutcome outcome, UserSettings settings, string directory, IStatusMessage status, string language, CancellationToken cancellationToken)
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
            var kind = KindFor(item.Kind, settings, 0);
            var thumbnailUrl = item.Thumbnail ?? post.Thumbnail;
            var duration = settings.Clip?.Length ?? item.Duration ?? (post.Items.Count == 1 ? post.Duration : null);
            MediaFormat format;
            DownloadedFile file;
            try
            {
                (format, file) = await DownloadAsync(item, preferences, settings, outcome, directory, $"item{i + 1}", progress, cancellationToken);
            }
            catch (MediaTooLargeException) when (telegram.Value.SplitLargeFiles && kind is SentKind.Video or SentKind.Document && item.Kind == MediaKind.Video)
            {
                var thumbnail = thumbnailUrl is null ? null : await thumbnails.FetchAsync(thumbnailUrl, Path.Combine(directory, $"thumb{i + 1}"), cancellationToken);
                var template = (MediaFormat format) => Request(outcome, settings, directory, format, $"item{i + 1}", limit);
                files.AddRange(await parts.FetchAsync(item, preferences, template, progress, kind, thumbnail, language, cancellationToken));
                continue;
            }

            kind = KindFor(item.Kind, settings, file.Length);
            var path = file.Path;
            if (kind == SentKind.Audio && (item.Kind != MediaKind.Audio || settings.AudioOnly)
                && (format.HasVideo || !AudioExtractor.IsAlready(file.Container, settings.AudioFormat)))
            {
                status.Show(messages.Html(language, "status.converting"));
                path = await audio.ExtractAsync(path, format.AudioCodec, settings.AudioFormat, cancellationToken);
            }

            var cover = kind is SentKind.Video or SentKind.Audio or SentKind.Document && thumbnailUrl is not null
                ? await thumbnails.FetchAsync(thumbnailUrl!, Path.Combine(directory, $"thumb{i + 1}"), cancellationToken)
                : null;
            files.Add(new OutgoingFile(kind, path, null)
            {
                Width = format.Width,
                Height = format.Height,
                Duration = duration is { } d ? (int)Math.Round(d.TotalSeconds) : null,
                ThumbnailPath = cover,
                Title = item.Title ?? post.Title,
                Performer = post.Uploader,
            });
            files.AddRange(file.SubtitleFiles.Select(s => new OutgoingFile(SentKind.Document, s, null)));
        }

        return files;
    }

    /// <summary>The download request's template for this job: the clip and the subtitles the settings ask for.</summary>
    private static DownloadRequest Request(
        ExtractionOutcome outcome, UserSettings settings, string directory, MediaFormat format, string baseName, long maxBytes) =>
        new(format, outcome.Via, directory, baseName, maxBytes, outcome.Plugin.Id)
        {
            Clip = settings.Clip,
            Subtitles = outcome.Via is null ? null : DelegatedPlan.SubtitlesFor(settings),
        };

    private async Task<(MediaFormat Format, DownloadedFile File)> DownloadAsync(
        MediaItem item, FormatPreferences preferences, UserSettings settings, ExtractionOutcome outcome, string directory, string baseName,
        IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        var ranked = FormatSelector.Rank(item, ClipBudget(item, preferences, settings));
        MediaTooLargeException? tooLarge = null;
        if (outcome.Via?.Run is { } run && run.Take(directory, progress, cancellationToken) is { } started)
        {
            // The yt-dlp run that described the link is downloading this job's choice already (DelegatedPlan).
            try
            {
                return (run.Format, await started);
            }
            catch (MediaTooLargeException e)
            {
                tooLarge = e;
            }
        }

        foreach (var format in ranked)
        {
            try
            {
                var request = Request(outcome, settings, directory, format, baseName, preferences.MaxBytes);
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

    /// <summary>
    /// For a clip, formats are ranked as if the limit were as many times larger as the media is longer than the clip: a 2 GB
    /// film yields a 30 s clip well under 50 MB. The cut file itself is still held to the real limit.
    /// </summary>
    private static FormatPreferences ClipBudget(MediaItem item, FormatPreferences preferences, UserSettings settings) =>
        settings.Clip is { } clip && item.Duration is { } whole && whole > clip.Length && clip.Length > TimeSpan.Zero
            ? preferences with { MaxBytes = (long)Math.Min(long.MaxValue / 2.0, preferences.MaxBytes * (whole / clip.Length)) }
            : preferences;

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
