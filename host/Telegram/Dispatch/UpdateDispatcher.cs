using Telegram.Bot.Types;
using VideoBot.Host.Telegram.Commands;
using VideoBot.Host.Telegram.Inline;
using VideoBot.Host.Telegram.Playlists;
using VideoBot.Host.Telegram.Output;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// Sends each update to its handler by shape; the bot asks Telegram only for messages, button presses and inline queries.
/// Buttons go by their data's prefix: <c>s:</c> settings, <c>x:</c> a job's Cancel button, <c>pl:</c> a playlist's buttons, <c>q:</c> a quality choice.
/// </summary>
internal sealed class UpdateDispatcher(MessageHandler messages, SettingsCommand settings, CancelButton cancel, InlineAnswers inline, PlaylistButtons playlists,
    Choices.QualityButtons quality)
{
    public Task DispatchAsync(Update update, CancellationToken cancellationToken) => update switch
    {
        { Message: { } message } => messages.HandleAsync(message, update.Id, cancellationToken),
        { CallbackQuery: { } query } when CancelButton.Owns(query.Data) => cancel.HandleAsync(query, cancellationToken),
        { CallbackQuery: { } query } when PlaylistButtons.Owns(query.Data) => playlists.HandleCallbackAsync(query, cancellationToken),
        { CallbackQuery: { Data: { } data } query } when data.StartsWith(Choices.QualityButtons.Prefix, StringComparison.Ordinal) => quality.HandleCallbackAsync(query, cancellationToken),
        { CallbackQuery: { } query } => settings.HandleCallbackAsync(query, cancellationToken),
        { InlineQuery: { } query } => inline.HandleAsync(query, cancellationToken),
        _ => Task.CompletedTask,
    };
}
