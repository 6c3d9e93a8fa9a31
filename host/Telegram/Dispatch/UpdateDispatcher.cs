using Telegram.Bot.Types;
using VideoBot.Host.Telegram.Commands;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>Sends each update to its handler by shape; the bot asks Telegram only for messages and button presses.</summary>
internal sealed class UpdateDispatcher(MessageHandler messages, SettingsCommand settings, Choices.QualityButtons quality)
{
    public Task DispatchAsync(Update update, CancellationToken cancellationToken) => update switch
    {
        { Message: { } message } => messages.HandleAsync(message, update.Id, cancellationToken),
        { CallbackQuery: { Data: { } data } query } when data.StartsWith(Choices.QualityButtons.Prefix, StringComparison.Ordinal) => quality.HandleCallbackAsync(query, cancellationToken),
        { CallbackQuery: { } query } => settings.HandleCallbackAsync(query, cancellationToken),
        _ => Task.CompletedTask,
    };
}
