using System.Text;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Admission;

namespace VideoBot.Host.Telegram.Output;

/// <summary>
/// The Cancel button under a job's status message (<c>x:JOBID</c>): a press cancels that job, all its links, like /cancel
/// does for all of a user's jobs. Only the user who sent the link may press it; anyone else, a job that has ended, and data
/// that is not ours get an answer, never silence.
/// </summary>
internal sealed class CancelButton(JobTracker jobs, MessageCatalog messages, ITelegramBotClient bot)
{
    public const string Prefix = "x:";

    /// <summary>True for callback data this handler owns.</summary>
    public static bool Owns(string? data) => data?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The button for <paramref name="request"/>'s job; null outside the job queue (nothing to name).</summary>
    public InlineKeyboardMarkup? For(LinkRequest request)
    {
        var data = Prefix + request.JobId;
        return request.JobId is null || Encoding.UTF8.GetByteCount(data) > 64
            ? null
            : new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData(messages.Plain(request.Language, "button.cancel"), data));
    }

    public async Task HandleAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var language = MessageCatalog.LanguageOf(query.From.LanguageCode);
        var key = query.Data![Prefix.Length..];
        var result = key.Length == 0 ? JobCancelResult.NotRunning : jobs.CancelJob(key, query.From.Id);
        var answer = result switch
        {
            JobCancelResult.Cancelled => "cancel.button.done",
            JobCancelResult.NotYours => "cancel.button.not_yours",
            _ => "cancel.button.ended",
        };
        await bot.AnswerCallbackQuery(query.Id, messages.Plain(language, answer), showAlert: result == JobCancelResult.NotYours,
            cancellationToken: cancellationToken);
    }
}
