using VideoBot.Host.Caching;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Host.Telegram.Dispatch;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// The operators' commands: /stats (counters since start, cache and user totals), /plugins (every plugin's state) and
/// /uncache URL (forget one link, so the next request fetches it again).
/// </summary>
internal sealed class AdminCommands(
    BotStats stats, JobTracker jobs, MediaCache cache, UserSettingsStore users, IPluginCatalog catalog, IRouter router, MessageCatalog messages)
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
            ("cached", await cache.CountAsync(cancellationToken) is { } count ? count : messages.Plain(language, "stats.shared")),
            ("users", await users.CountAsync(cancellationToken)));
    }

    /// <summary>Drops <paramref name="argument"/> (the text after /uncache), normalized as the router does, from the cache.</summary>
    public async Task<string> UncacheAsync(string argument, string language, CancellationToken cancellationToken)
    {
        var link = argument.Trim();
        if (link.Length == 0)
        {
            return messages.Html(language, "uncache.usage");
        }

        if (router.Route(link).Url is not { } url)
        {
            return messages.Html(language, "error.malformed_link", ("link", link.Length <= 200 ? link : link[..200] + "…"));
        }

        await cache.ForgetAsync(url.AbsoluteUri, cancellationToken);
        return messages.Html(language, "uncache.done", ("url", url.AbsoluteUri));
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
