namespace VideoBot.Host.Pipeline.Output;

/// <summary>Opens a job's status message, as a reply to the user's message, with whatever lets the user cancel the job.</summary>
internal interface IStatusOutput
{
    Task<IStatusMessage> SendAsync(LinkRequest request, string html, CancellationToken cancellationToken);
}
