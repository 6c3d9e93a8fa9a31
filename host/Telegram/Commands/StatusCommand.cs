using System.Globalization;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// /status, for every user: each platform's state over the last hour, judged from users' links and the bot's probes
/// (<see cref="PlatformState"/>), in plain words: works, slow, or failing since when and why. Platforms nothing tried in the
/// hour share one line at the end.
/// </summary>
internal sealed class StatusCommand(IPluginCatalog catalog, MessageCatalog messages, IOptionsMonitor<PluginsOptions> options)
{
    public string Render(string language)
    {
        var plugins = catalog.Plugins
            .Where(p => p.IsServing && p.Manifest is not null)
            .OrderBy(p => p.IsGenericFallback)
            .ThenBy(p => p.Manifest!.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (plugins.Count == 0)
        {
            return messages.Html(language, "platforms.none");
        }

        var slowAfter = TimeSpan.FromSeconds(options.CurrentValue.SlowAfterSeconds);
        var lines = new List<string> { messages.Html(language, "platforms.title") };
        var quiet = new List<string>();
        foreach (var plugin in plugins)
        {
            // The canary replays recorded answers: it says nothing about the site today.
            var outcomes = plugin.Health.Recent(PluginHealth.History).Where(o => o.Source is HealthSource.Jobs or HealthSource.Probes).ToList();
            var state = PlatformState.Judge(outcomes, slowAfter);
            var name = plugin.Manifest!.Name;
            switch (state.Condition)
            {
                case PlatformCondition.Quiet:
                    quiet.Add(name);
                    break;
                case PlatformCondition.Works:
                    lines.Add(messages.Html(language, "platforms.works", ("name", name)));
                    break;
                case PlatformCondition.Slow:
                    lines.Add(messages.Html(language, "platforms.slow", ("name", name), ("seconds", Math.Round(state.TypicalTime!.Value.TotalSeconds))));
                    break;
                case PlatformCondition.Unsteady:
                    lines.Add(messages.Html(language, "platforms.unsteady",
                        ("name", name), ("failed", state.Failed), ("tries", state.Tries), ("reason", Reason(language, state.Reason!.Value))));
                    break;
                default:
                    lines.Add(messages.Html(language, "platforms.failing",
                        ("name", name),
                        ("since", state.FailingSince!.Value.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)),
                        ("reason", Reason(language, state.Reason!.Value))));
                    break;
            }
        }

        if (quiet.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add(messages.Html(language, "platforms.quiet", ("names", string.Join(", ", quiet))));
        }

        return string.Join('\n', lines);
    }

    private string Reason(string language, FailureReason reason) => messages.Plain(language, reason switch
    {
        FailureReason.SiteChanged => "platforms.reason.site_changed",
        FailureReason.Unreachable => "platforms.reason.unreachable",
        FailureReason.TooSlow => "platforms.reason.too_slow",
        FailureReason.RateLimited => "platforms.reason.rate_limited",
        FailureReason.SignIn => "platforms.reason.sign_in",
        FailureReason.GeoBlocked => "platforms.reason.geo_blocked",
        FailureReason.Gone => "platforms.reason.gone",
        _ => "platforms.reason.bot_error",
    });
}
