using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// Tells every Telegram:AdminIds user what happened to the plugins (swapped, refused, removed, degraded...), in the language
/// of the admin's last command (English until then). A message that fails is logged and dropped: the log has it too.
/// </summary>
internal sealed partial class AdminNotifier(
    PluginNotices notices,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> options,
    ILogger<AdminNotifier> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, string> _languages = new();

    /// <summary>Remembers an admin's language for the next notices.</summary>
    public void Remember(long adminId, string language) => _languages[adminId] = language;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notice in notices.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var admin in options.Value.AdminIds)
                {
                    await SendAsync(admin, notice, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(long admin, PluginNotice notice, CancellationToken cancellationToken)
    {
        var html = Text(_languages.GetValueOrDefault(admin, MessageCatalog.English), notice);
        try
        {
            await retry.RunAsync(ct => bot.SendMessage(admin, TextLimit.Cut(html), ParseMode.Html, cancellationToken: ct), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotifyFailed(e, admin, notice.Kind, notice.PluginId);
        }
    }

    public string Text(string language, PluginNotice notice)
    {
        var (id, version, old, reason) = (notice.PluginId, notice.Version ?? "?", notice.PreviousVersion ?? "?", notice.Reason ?? "");
        return notice.Kind switch
        {
            PluginNoticeKind.Activated => messages.Html(language, "notice.activated", ("id", id), ("version", version)),
            PluginNoticeKind.Swapped => messages.Html(language, "notice.swapped", ("id", id), ("version", version), ("old", old)),
            PluginNoticeKind.Refused when notice.PreviousVersion is not null =>
                messages.Html(language, "notice.refused_kept", ("id", id), ("version", version), ("old", old), ("reason", reason)),
            PluginNoticeKind.Refused => messages.Html(language, "notice.refused", ("id", id), ("version", version), ("reason", reason)),
            PluginNoticeKind.Removed => messages.Html(language, "notice.removed", ("id", id), ("version", version)),
            PluginNoticeKind.Disabled => messages.Html(language, "notice.disabled", ("id", id), ("reason", reason)),
            PluginNoticeKind.Degraded => messages.Html(language, "notice.degraded", ("id", id), ("version", version), ("reason", reason)),
            PluginNoticeKind.Recovered => messages.Html(language, "notice.recovered", ("id", id), ("version", version)),
            PluginNoticeKind.EngineUpdated => messages.Html(language, "notice.engine_updated", ("id", id), ("version", version), ("old", old)),
            PluginNoticeKind.EngineUpdateFailed => messages.Html(language, "notice.engine_update_failed", ("id", id), ("old", old), ("reason", reason)),
            PluginNoticeKind.ClaimRefused => messages.Html(language, "notice.claim_refused", ("id", id), ("version", version), ("reason", reason)),
            _ => messages.Html(language, "notice.canary_failed", ("id", id), ("version", version), ("reason", reason)),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell admin {AdminId} that plugin {PluginId} was {Kind}")]
    private partial void LogNotifyFailed(Exception exception, long adminId, PluginNoticeKind kind, string pluginId);
}
