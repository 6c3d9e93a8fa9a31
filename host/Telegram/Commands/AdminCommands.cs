using VideoBot.Host.Caching;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins;
using VideoBot.Host.Telegram.Dispatch;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>The operators' commands: /stats (counters since start, cache and user totals) and /plugins (every plugin's state).</summary>
internal sealed class AdminCommands(
    BotStats stats, JobTracker jobs, FileIdCache cache, UserSettingsStore users, IPluginCatalog catalog, MessageCatalog messages)
{
    public async Task<string> StatsAsync(string language, CancellationToken cancellationToken)
    {
        var uptime = stats.Uptime;
        return messages.Html(language, "stats",
            ("uptime", $"{(int)uptime.TotalDays}d {uptime:hh\\:mm\\:ss}"),
            ("done", stats.Succeeded),
            ("failed", stats.Failed),
            ("cancelled", stats.Cancelled),
            ("running", jobs.Count),
            ("cache_hits", stats.CacheHits),
            ("cached", await cache.CountAsync(cancellationToken)),
            ("users", await users.CountAsync(cancellationToken)));
    }

    public string Plugins(string language)
    {
        var plugins = catalog.Plugins;
        if (plugins.Count == 0)
        {
            return messages.Html(language, "plugins.none");
        }

        var lines = new List<string> { messages.Html(language, "plugins.title") };
        foreach (var plugin in plugins)
        {
            lines.Add(messages.Html(language, "plugins.line",
                ("id", plugin.Id), ("version", plugin.Manifest?.Version ?? "?"), ("status", plugin.Status.ToString())));
            if (!string.IsNullOrWhiteSpace(plugin.Reason))
            {
                lines.Add(messages.Html(language, "plugins.reason", ("reason", plugin.Reason)));
            }
        }

        return string.Join('\n', lines);
    }
}
