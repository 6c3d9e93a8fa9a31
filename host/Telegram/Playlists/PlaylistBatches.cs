using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Admission;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline;

namespace VideoBot.Host.Telegram.Playlists;

/// <summary>
/// Turns a batch of a playlist into a stored job, admitted by the same limits as links sent in a message: the queue, and the
/// user's link rate charged once per video. The job's id names the offer and the batch, so a button pressed twice (or a press
/// delivered twice) starts the batch once.
/// </summary>
internal sealed class PlaylistBatches(
    LinkAdmission admission,
    UserSettingsStore settings,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<LimitsOptions> limits)
{
    public async Task StartAsync(PlaylistOffer offer, string jobId, IReadOnlyList<string> links, CancellationToken cancellationToken)
    {
        var userSettings = await settings.GetAsync(offer.UserId, cancellationToken);
        var job = new JobRecord(jobId, offer.ChatId, offer.ReplyTo, offer.UserId, offer.Language, links, userSettings);
        string? refusal = null;
        try
        {
            var result = await admission.AcceptAsync(job, cancellationToken);
            if (result == IntakeResult.Busy)
            {
                refusal = messages.Html(offer.Language, "error.busy", ("count", limits.Value.MaxJobsPerUser));
            }
        }
        catch (LimitRefusal e)
        {
            refusal = e.Describe(messages, offer.Language);
        }

        if (refusal is not null)
        {
            await retry.RunAsync(ct => bot.SendMessage(offer.ChatId, refusal, ParseMode.Html, Reply.To(offer.ReplyTo), cancellationToken: ct), cancellationToken);
        }
    }
}
