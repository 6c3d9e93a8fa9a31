using Telegram.Bot.Exceptions;
using VideoBot.Host.Caching;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Telegram.Output;

/// <summary>
/// The pipeline's files sent through the Bot API (<see cref="Uploader"/>), with "sending video…" in the chat's header meanwhile
/// (<see cref="ChatActions"/>). The Bot API's refusals become the pipeline's own: a file_id it no longer knows is
/// <see cref="StaleFileIdException"/>, anything else it refused <see cref="UploadRejectedException"/>.
/// </summary>
internal sealed class TelegramMediaSender(Uploader uploader, ChatActions chatActions) : IMediaSender
{
    public async Task<IReadOnlyList<SentFile>> SendAsync(
        LinkRequest request, IReadOnlyList<OutgoingFile> files, string? captionHtml, CancellationToken cancellationToken)
    {
        try
        {
            return await uploader.SendAsync(request.Chat, request.ReplyTo, files, captionHtml, cancellationToken);
        }
        catch (ApiRequestException e) when (TelegramErrors.IsBadFileId(e))
        {
            throw new StaleFileIdException(e);
        }
        catch (ApiRequestException e)
        {
            throw new UploadRejectedException(e);
        }
    }

    public IAsyncDisposable ShowUploading(LinkRequest request, IReadOnlyList<OutgoingFile> files) =>
        chatActions.Start(request.Chat, ChatActions.For(files));
}
