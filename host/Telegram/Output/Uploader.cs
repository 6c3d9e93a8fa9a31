using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Caching;
using VideoBot.Host.Pipeline.Captions;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Telegram.Output;

/// <summary>
/// Sends a job's files as replies: one file by its own method (video, photo, audio, animation, document), several as albums of
/// up to ten (photos and videos mix; audio and documents each only with their own kind; animations always alone). The caption
/// goes on the first message. Each call is retried after a 429 with its files opened afresh.
/// </summary>
internal sealed class Uploader(ITelegramBotClient bot, TelegramRetry retry)
{
    private const int AlbumSize = 10;

    public async Task<IReadOnlyList<SentFile>> SendAsync(
        ChatId chat, int replyTo, IReadOnlyList<OutgoingFile> files, string? captionHtml, CancellationToken cancellationToken)
    {
        var sent = new List<SentFile>(files.Count);
        var caption = captionHtml;
        foreach (var batch in Batches(files))
        {
            if (batch.Count == 1)
            {
                var own = PartCaption.With(caption, batch[0].Label);
                var message = await retry.RunAsync(ct => SendOneAsync(chat, replyTo, batch[0], own, ct), cancellationToken);
                sent.Add(FileOf(message, batch[0].Kind) with { Label = batch[0].Label });
            }
            else
            {
                var messages = await retry.RunAsync(ct => SendAlbumAsync(chat, replyTo, batch, caption, ct), cancellationToken);
                sent.AddRange(messages.Select((m, i) => FileOf(m, batch[Math.Min(i, batch.Count - 1)].Kind)));
            }

            caption = null;
        }

        return sent;
    }

    private async Task<Message> SendOneAsync(ChatId chat, int replyTo, OutgoingFile file, string? caption, CancellationToken ct)
    {
        await using var streams = new StreamBag();
        var input = streams.Open(file);
        var thumbnail = streams.OpenThumbnail(file);
        var reply = Reply.To(replyTo);
        return file.Kind switch
        {
            SentKind.Video => await bot.SendVideo(chat, input, caption, ParseMode.Html, reply, duration: file.Duration,
                width: file.Width, height: file.Height, thumbnail: thumbnail, supportsStreaming: true, cancellationToken: ct),
            SentKind.Photo => await bot.SendPhoto(chat, input, caption, ParseMode.Html, reply, cancellationToken: ct),
            SentKind.Audio => await bot.SendAudio(chat, input, caption, ParseMode.Html, reply, duration: file.Duration,
                performer: file.Performer, title: file.Title, thumbnail: thumbnail, cancellationToken: ct),
            SentKind.Animation => await bot.SendAnimation(chat, input, caption, ParseMode.Html, reply, duration: file.Duration,
                width: file.Width, height: file.Height, thumbnail: thumbnail, cancellationToken: ct),
            _ => await bot.SendDocument(chat, input, caption, ParseMode.Html, reply, thumbnail: thumbnail, cancellationToken: ct),
        };
    }

    private async Task<Message[]> SendAlbumAsync(ChatId chat, int replyTo, IReadOnlyList<OutgoingFile> files, string? caption, CancellationToken ct)
    {
        await using var streams = new StreamBag();
        var media = new List<IAlbumInputMedia>(files.Count);
        foreach (var file in files)
        {
            var input = streams.Open(file);
            InputMedia item = file.Kind switch
            {
                SentKind.Video => new InputMediaVideo(input)
                {
                    Width = file.Width ?? 0,
                    Height = file.Height ?? 0,
                    Duration = file.Duration ?? 0,
                    SupportsStreaming = true,
                    Thumbnail = streams.OpenThumbnail(file),
                },
                SentKind.Photo => new InputMediaPhoto(input),
                SentKind.Audio => new InputMediaAudio(input) { Duration = file.Duration ?? 0, Title = file.Title, Performer = file.Performer },
                _ => new InputMediaDocument(input),
            };
            if (media.Count == 0 && caption is not null)
            {
                item.Caption = caption;
                item.ParseMode = ParseMode.Html;
            }

            media.Add((IAlbumInputMedia)item);
        }

        return await bot.SendMediaGroup(chat, media, Reply.To(replyTo), cancellationToken: ct);
    }

    /// <summary>Consecutive files that may share an album, at most ten each.</summary>
    public static IEnumerable<IReadOnlyList<OutgoingFile>> Batches(IReadOnlyList<OutgoingFile> files)
    {
        var batch = new List<OutgoingFile>();
        foreach (var file in files)
        {
            if (batch.Count > 0 && (batch.Count == AlbumSize || AlbumClass(batch[0].Kind) != AlbumClass(file.Kind) || AlbumClass(file.Kind) == 0
                                    || file.Label is not null || batch[0].Label is not null))
            {
                yield return batch;
                batch = [];
            }

            batch.Add(file);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Which kinds Telegram lets share an album; 0 for none (animations).</summary>
    private static int AlbumClass(SentKind kind) => kind switch
    {
        SentKind.Video or SentKind.Photo => 1,
        SentKind.Audio => 2,
        SentKind.Document => 3,
        _ => 0,
    };

    /// <summary>The file_id of what Telegram stored (for a photo, its largest size).</summary>
    private static SentFile FileOf(Message message, SentKind requested) => message switch
    {
        { Video: { } v } => new(SentKind.Video, v.FileId),
        { Animation: { } a } => new(SentKind.Animation, a.FileId),
        { Photo: { Length: > 0 } p } => new(SentKind.Photo, p[^1].FileId),
        { Audio: { } a } => new(SentKind.Audio, a.FileId),
        { Document: { } d } => new(requested == SentKind.Animation ? SentKind.Animation : SentKind.Document, d.FileId),
        _ => throw new InvalidOperationException($"Telegram's answer to a {requested} upload holds no file."),
    };

    /// <summary>The streams one attempt opens, closed when it ends (a retry opens them again).</summary>
    private sealed class StreamBag : IAsyncDisposable
    {
        private readonly List<Stream> _streams = [];

        public InputFile Open(OutgoingFile file)
        {
            if (file.FileId is { } id)
            {
                return InputFile.FromFileId(id);
            }

            var stream = System.IO.File.OpenRead(file.Path!);
            _streams.Add(stream);
            return InputFile.FromStream(stream, System.IO.Path.GetFileName(file.Path!));
        }

        public InputFile? OpenThumbnail(OutgoingFile file)
        {
            if (file.ThumbnailPath is null)
            {
                return null;
            }

            var stream = System.IO.File.OpenRead(file.ThumbnailPath);
            _streams.Add(stream);
            return InputFile.FromStream(stream, "thumb.jpg");
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var stream in _streams)
            {
                await stream.DisposeAsync();
            }
        }
    }
}
