using VideoBot.Host.Caching;
using VideoBot.Host.Messages;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.Routing;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.PluginLifecycle.HotSwap;
using VideoBot.Host.Admission;
using VideoBot.Host.Pipeline;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// The operators' commands: /stats (counters since start, cache and user totals), /plugins (every plugin's state),
/// /uncache URL (forget one link, so the next request fetches it again), and the plugin controls /reload, /disable ID and
/// /enable ID, which act at once, without a restart.
/// </summary>
internal sealed class AdminCommands(
    BotStats stats,
    JobTracker jobs,
    MediaCache cache,
    UserSettingsStore users,
    IPluginCatalog catalog,
    IRouter router,
    PluginSwapper swapper,
    PluginOverrides overrides,
    MessageCatalog messages)
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
                ("id", plugin.Id), ("version", plugin.DeclaredVersion ?? "?"), ("status", plugin.Status.ToString())));
            if (!string.IsNullOrWhiteSpace(plugin.Reason))
            {
                lines.Add(messages.Html(language, "plugins.reason", ("reason", plugin.Reason)));
            }

            if (plugin.SwapRefusal is { } refusal)
            {
                lines.Add(messages.Html(language, "plugins.refused", ("refusal", refusal)));
            }

            if (PluginClaims.Describe(plugin) is { } claims)
            {
                lines.Add(messages.Html(language, "plugins.refused", ("refusal", claims)));
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>/reload: every folder loaded again and validated, as if each had just changed.</summary>
    public async Task<string> ReloadAsync(string language, CancellationToken cancellationToken)
    {
        var results = await swapper.SyncAsync(null, force: true, cancellationToken);
        int Count(SwapOutcome outcome) => results.Count(r => r.Outcome == outcome);
        var lines = new List<string>
        {
            messages.Html(language, "reload.done",
                ("activated", Count(SwapOutcome.Activated)),
                ("swapped", Count(SwapOutcome.Swapped)),
                ("refused", Count(SwapOutcome.Refused)),
                ("removed", Count(SwapOutcome.Removed)),
                ("disabled", Count(SwapOutcome.Disabled))),
        };
        lines.AddRange(results.Where(r => r.Outcome == SwapOutcome.Refused)
            .Select(r => messages.Html(language, "reload.refused", ("id", r.PluginId ?? r.Folder), ("reason", r.Reason))));
        return string.Join('\n', lines);
    }

    /// <summary>/disable ID: the plugin stops serving until /enable or a restart.</summary>
    public async Task<string> DisableAsync(string? id, string language, CancellationToken cancellationToken)
    {
        if (Usage("disable", id, language) is { } problem)
        {
            return problem;
        }

        overrides.Disable(id!);
        await swapper.SyncAsync(FoldersOf(id!), force: false, cancellationToken);
        return messages.Html(language, "plugin.disabled", ("id", id));
    }

    /// <summary>/enable ID: the plugin loads (validated like a new version) and serves, even when the config disables it.</summary>
    public async Task<string> EnableAsync(string? id, string language, CancellationToken cancellationToken)
    {
        if (Usage("enable", id, language) is { } problem)
        {
            return problem;
        }

        overrides.Enable(id!);
        await swapper.SyncAsync(FoldersOf(id!), force: false, cancellationToken);
        var plugin = catalog.Find(id!);
        return plugin is { IsServing: true }
            ? messages.Html(language, "plugin.enabled", ("id", id), ("version", plugin.DeclaredVersion ?? "?"), ("status", plugin.Status.ToString()))
            : messages.Html(language, "plugin.enable_failed",
                ("id", id), ("status", plugin?.Status.ToString() ?? "?"), ("reason", plugin?.Reason ?? plugin?.SwapRefusal ?? "?"));
    }

    private string? Usage(string command, string? id, string language) =>
        string.IsNullOrWhiteSpace(id) ? messages.Html(language, "plugin.usage", ("command", command))
        : catalog.Plugins.Any(p => p.Id == id) ? null
        : messages.Html(language, "plugin.unknown", ("id", id));

    private string[] FoldersOf(string id) =>
        [.. catalog.Plugins.Where(p => p.Id == id).Select(p => Path.GetFileName(p.Directory))];
}
