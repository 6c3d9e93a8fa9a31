namespace VideoBot.Host.Pipeline.Output;

/// <summary>How the pipeline answers a link in words: a reply, or for a quiet job (a group's /autodetect) the reaction alone.</summary>
internal static class ChatRepliesExtensions
{
    public static Task AnswerAsync(this IChatReplies replies, LinkRequest request, string html, CancellationToken cancellationToken) =>
        request.Quiet
            ? replies.ReactFailedAsync(request.Chat, request.ReplyTo, cancellationToken)
            : replies.ReplyAsync(request.Chat, request.ReplyTo, html, cancellationToken);
}
