using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Admission;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Groups;
using VideoBot.Host.Pipeline;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// Stores, admits (<see cref="LinkAdmission"/>: the queue and the user's link rate) and starts a job; a refusal or a busy user
/// is told in a reply, or, for a job a group's <c>/autodetect</c> picked up, with a reaction.
/// </summary>
internal sealed class JobStarter(
    LinkAdmission admission,
    QuietFailures quiet,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<LimitsOptions> limits)
{
    public async Task StartAsync(JobRecord job, CancellationToken cancellationToken)
    {
        IntakeResult result;
        try
        {
            result = await admission.AcceptAsync(job, cancellationToken);
        }
        catch (LimitRefusal refusal)
        {
            await TellAsync(job, refusal.Describe(messages, job.Language), cancellationToken);
            return;
        }

        if (result == IntakeResult.Busy)
        {
            await TellAsync(job, messages.Html(job.Language, "error.busy", ("count", limits.Value.MaxJobsPerUser)), cancellationToken);
        }
    }

    private Task TellAsync(JobRecord job, string html, CancellationToken cancellationToken) => job.Quiet
        ? quiet.ReactAsync(job.ChatId, job.ReplyTo, cancellationToken)
        : retry.RunAsync(ct => bot.SendMessage(job.ChatId, html, ParseMode.Html, Reply.To(job.ReplyTo), cancellationToken: ct), cancellationToken);
}
