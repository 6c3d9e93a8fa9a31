using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.Telegram.Hosting;

/// <summary>
/// Introduces the bot to the Bot API once it is reachable (retrying with back-off until then): learns who it is, registers its
/// commands in English and Romanian, and sets the webhook (webhook mode) or removes any (polling, which a webhook would block
/// with 409). Polling starts only after this.
/// </summary>
internal sealed class BotStartup(
    ITelegramBotClient bot,
    BotIdentity identity,
    IPluginCatalog catalog,
    MessageCatalog messages,
    IOptions<TelegramOptions> options,
    ILogger<BotStartup> logger) : BackgroundService
{
    /// <summary>The update types the bot handles; Telegram sends no others.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.InlineQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Load the plugins now rather than on the first user's message, while the Bot API calls below are on the wire: both
        // are mostly first-time work (JIT, the schema, the first script engine), and on two cores together they start sooner.
        var loading = Task.Run(() => catalog.Plugins.Count, stoppingToken);
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConnectAsync(stoppingToken);
                await loading;
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                TelegramLog.StartupRetry(logger, e, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2));
            }
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var me = await bot.GetMe(ct);
        await SetCommandsAsync(ct);
        if (settings.Mode == TelegramMode.Webhook)
        {
            await bot.SetWebhook(settings.WebhookUrl!, allowedUpdates: AllowedUpdates, secretToken: settings.WebhookSecret, cancellationToken: ct);
            TelegramLog.WebhookSet(logger, new Uri(settings.WebhookUrl!).AbsolutePath);
        }
        else
        {
            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
        }

        TelegramLog.Connected(logger, me.Username, me.Id, settings.Mode.ToString(), settings.UploadLimit);
        identity.Set(me);
    }

    private async Task SetCommandsAsync(CancellationToken ct)
    {
        try
        {
            // The default list is English; Telegram shows the Romanian one to users whose app is in Romanian.
            await bot.SetMyCommands(Commands(MessageCatalog.English), cancellationToken: ct);
            await bot.SetMyCommands(Commands(MessageCatalog.Romanian), languageCode: MessageCatalog.Romanian, cancellationToken: ct);
        }
        catch (ApiRequestException e)
        {
            // A menu is a convenience; the bot works without it.
            TelegramLog.CommandsFailed(logger, e);
        }
    }

    private BotCommand[] Commands(string language) =>
    [
        new("start", messages.Plain(language, "command.start")),
        new("help", messages.Plain(language, "command.help")),
        new("settings", messages.Plain(language, "command.settings")),
        new("clip", messages.Plain(language, "command.clip")),
        new("cancel", messages.Plain(language, "command.cancel")),
        new("status", messages.Plain(language, "command.status")),
    ];
}
