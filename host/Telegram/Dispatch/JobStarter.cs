using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Limits;
using VideoBot.Host.Messages;
using VideoBot.Host.RateLimiting;
using VideoBot.Host.Telegram.Pipeline;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>Stores, admits (queue and the user's link rate) and starts a job; a refusal or a busy user is told in a reply.</summary>
internal sealed class JobStarter(
    JobIntake intake,
    JobLoad load,
    UserRateLimiter userLimit,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<LimitsOptions> limits)
{
    /// <summary>Stores, admits and starts a job; a refusal or a busy user is told in a reply.</summary>
    public async Task StartAsync(JobRecord job, CancellationToken cancellationToken)
    {
        IntakeResult result;
        try
        {
            result = await intake.AcceptAsync(job, async ct =>
            {
                load.Admit();
                await userLimit.AdmitAsync(job.UserId, job.Links.Count, ct);
            }, cancellationToken);
        }
        catch (LimitRefusal refusal)
        {
            await ReplyAsync(job, refusal.Describe(messages, job.Language), cancellationToken);
            return;
        }

        if (result == IntakeResult.Busy)
        {
            await ReplyAsync(job, messages.Html(job.Language, "error.busy", ("count", limits.Value.MaxJobsPerUser)), cancellationToken);
        }
    }

    private Task ReplyAsync(JobRecord job, string html, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(job.ChatId, html, ParseMode.Html, Reply.To(job.ReplyTo), cancellationToken: ct), cancellationToken);
}
