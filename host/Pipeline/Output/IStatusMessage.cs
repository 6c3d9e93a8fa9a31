namespace VideoBot.Host.Pipeline.Output;

/// <summary>
/// The one message that follows a job along ("Extracting… / Downloading 42%… / Uploading…"), as the messenger shows it.
/// The pipeline only asks for texts; how often they may be shown, and what a refused edit means, is the adapter's business.
/// Disposing it stops the updates and leaves the message as it is.
/// </summary>
internal interface IStatusMessage : IAsyncDisposable
{
    /// <summary>The message's id in its chat: noted in the job's record, so a resumed job removes the one a dead run left.</summary>
    int MessageId { get; }

    /// <summary>Asks for <paramref name="html"/> to be shown; returns at once, never fails (the latest text wins).</summary>
    void Show(string html);

    /// <summary>Stops the updates and leaves <paramref name="html"/> as the message's last word (an error, "Cancelled.").</summary>
    Task FinishAsync(string html);

    /// <summary>Stops the updates and removes the message (the media itself is the answer).</summary>
    Task DeleteAsync();
}
