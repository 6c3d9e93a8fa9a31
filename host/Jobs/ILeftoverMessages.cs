namespace VideoBot.Host.Jobs;

/// <summary>
/// Removes a message a dead run of a job left in a chat (its status message). The jobs store only knows the message's id; the
/// messenger's adapter knows how to delete it.
/// </summary>
internal interface ILeftoverMessages
{
    /// <summary>Deletes the message; false when it could not be (gone already, or too old for a bot to delete).</summary>
    Task<bool> DeleteAsync(long chatId, int messageId, CancellationToken cancellationToken);
}
