namespace VideoBot.Host.Pipeline.Output;

/// <summary>Text answers in the chat a link came from: a quick answer, a failure's reason, or a quiet job's reaction.</summary>
internal interface IChatReplies
{
    /// <summary>Completes once the messenger can be written to (start-up reached it).</summary>
    Task WhenReadyAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="html"/> as a reply to message <paramref name="replyTo"/> (still sent if that was deleted).</summary>
    Task ReplyAsync(long chat, int replyTo, string html, CancellationToken cancellationToken);

    /// <summary>Marks message <paramref name="replyTo"/> as failed without a word: how a quiet job (a group's /autodetect) fails.</summary>
    Task ReactFailedAsync(long chat, int replyTo, CancellationToken cancellationToken);
}
