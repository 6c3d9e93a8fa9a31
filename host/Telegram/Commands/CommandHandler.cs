using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Telegram.Groups;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Admission;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// /start, /help, /cancel, /settings, /status (every platform's state), and the operators' /stats, /plugins, /uncache URL, /reload, /disable ID and /enable ID
/// (Telegram:AdminIds only).
/// </summary>
internal sealed class CommandHandler(
    SettingsCommand settings,
    ClipCommand clips,
    AdminCommands admin,
    StatusCommand status,
    AdminNotifier notifier,
    AutodetectCommand autodetect,
    JobTracker jobs,
    IPluginCatalog catalog,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> options,
    IOptions<LimitsOptions> limits)
{
    public async Task HandleAsync(string command, Message message, string language, CancellationToken cancellationToken)
    {
        var user = message.From!;
        switch (command)
        {
            case "start":
                await ReplyAsync(message, messages.Html(language, "start", ("name", user.FirstName)), cancellationToken);
                break;
            case "help":
                await ReplyAsync(message, Help(language), cancellationToken);
                break;
            case "cancel":
                var count = jobs.Cancel(user.Id);
                await ReplyAsync(message, count > 0
                    ? messages.Html(language, "cancel.done", ("count", count))
                    : messages.Html(language, "cancel.none"), cancellationToken);
                break;
            case "settings":
                await settings.ShowAsync(message, language, cancellationToken);
                break;
            case "status":
                await ReplyAsync(message, status.Render(language), cancellationToken);
                break;
            case "autodetect":
                await autodetect.HandleAsync(message, Argument(message), language, cancellationToken);
                break;
            case "clip":
                await clips.HandleAsync(message, language, cancellationToken);
                break;
            case "stats" or "plugins" or "uncache" or "reload" or "disable" or "enable" when !options.Value.AdminIds.Contains(user.Id):
                await ReplyAsync(message, messages.Html(language, "admin.only"), cancellationToken);
                break;
            case "reload" or "disable" or "enable":
                notifier.Remember(user.Id, language);
                var reply = command switch
                {
                    "reload" => await admin.ReloadAsync(language, cancellationToken),
                    "disable" => await admin.DisableAsync(Argument(message), language, cancellationToken),
                    _ => await admin.EnableAsync(Argument(message), language, cancellationToken),
                };
                await ReplyAsync(message, reply, cancellationToken);
                break;
            case "stats":
                await ReplyAsync(message, await admin.StatsAsync(language, cancellationToken), cancellationToken);
                break;
            case "plugins":
                await ReplyAsync(message, admin.Plugins(language), cancellationToken);
                break;
            case "uncache":
                await ReplyAsync(message, await admin.UncacheAsync(Argument(message) ?? string.Empty, language, cancellationToken), cancellationToken);
                break;
            default:
                // Unknown commands in groups are usually for other bots; in private chats, say what the bot does.
                if (!GroupFilter.IsGroup(message.Chat))
                {
                    await ReplyAsync(message, messages.Html(language, "hint.send_link"), cancellationToken);
                }

                break;
        }
    }

    /// <summary>The text after the command, trimmed; null when there is none.</summary>
    private static string? Argument(Message message)
    {
        var text = message.Text ?? "";
        var space = text.IndexOfAny([' ', '\n']);
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        return rest.Length > 0 ? rest : null;
    }

    private string Help(string language)
    {
        var names = catalog.Plugins
            .Where(p => p.IsServing && p.Manifest is not null)
            .OrderBy(p => p.IsGenericFallback)
            .ThenBy(p => p.Manifest!.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => p.Manifest!.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => messages.Html(language, "help.platform", ("name", name)))
            .ToList();
        var platforms = names.Count > 0 ? string.Join('\n', names) : messages.Html(language, "help.none");
        return messages.Html(language, "help",
            ("platforms", new HtmlFragment(platforms)), ("limit", Formats.Limit(options.Value.UploadLimit)))
            + "\n\n" + messages.Html(language, "help.media", ("max_clip", Formats.Duration(TimeSpan.FromSeconds(limits.Value.MaxClipSeconds))))
            + (options.Value.SplitLargeFiles ? "\n" + messages.Html(language, "help.split") : string.Empty)
            + (options.Value.IsLocalApiServer ? string.Empty : "\n" + messages.Html(language, "help.local_api"));
    }

    private Task ReplyAsync(Message to, string html, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(to.Chat.Id, TextLimit.Cut(html), ParseMode.Html, Reply.To(to.Id), cancellationToken: ct), cancellationToken);
}
