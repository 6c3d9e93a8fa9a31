using System.Diagnostics;
using Prometheus;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Observability;

/// <summary>
/// The bot's Prometheus metrics, served at <c>/metrics</c>. Each app has its own registry (not prometheus-net's static one), so
/// two bots in one process, as in tests, never mix their numbers. Labels are plugin ids and fixed words, never user data.
/// </summary>
internal sealed class BotMetrics
{
    private readonly Counter _jobs;
    private readonly Histogram _durations;
    private readonly Counter _bytes;
    private readonly Counter _cache;
    private readonly Counter _pluginFailures;
    private readonly Counter _rateLimited;
    private readonly Gauge _queued;
    private readonly Gauge _running;
    private readonly Gauge _updates;
    private readonly Gauge _workingSet;
    private readonly Gauge _managedHeap;
    private readonly Gauge _plugins;
    private readonly Gauge _successRatios;
    private readonly List<Action> _beforeScrape = [];

    public BotMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _jobs = factory.CreateCounter("videobot_jobs_total", "Links handled, by platform (plugin id) and outcome.", "platform", "outcome");
        _durations = factory.CreateHistogram("videobot_job_duration_seconds", "Time from a link's arrival to its answer, by platform and outcome.",
            new HistogramConfiguration
            {
                LabelNames = ["platform", "outcome"],
                Buckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
            });
        _bytes = factory.CreateCounter("videobot_uploaded_bytes_total", "Bytes of media uploaded to Telegram, by platform.", "platform");
        _cache = factory.CreateCounter("videobot_cache_requests_total", "file_id cache lookups, by result (hit, miss).", "result");
        _pluginFailures = factory.CreateCounter("videobot_plugin_failures_total", "Failed extractions, by plugin and error kind.", "plugin", "kind");
        _rateLimited = factory.CreateCounter("videobot_rate_limit_rejections_total", "Requests refused by a limit, by limiter.", "limiter");
        _queued = factory.CreateGauge("videobot_jobs_queued", "Jobs waiting for a free slot.");
        _running = factory.CreateGauge("videobot_jobs_running", "Jobs holding a slot.");
        _updates = factory.CreateGauge("videobot_update_queue_depth", "Telegram updates received and not yet handled.");
        _workingSet = factory.CreateGauge("videobot_process_working_set_bytes", "The process's working set (resident memory).");
        _managedHeap = factory.CreateGauge("videobot_process_managed_heap_bytes", "Bytes on the managed heap.");
        _plugins = factory.CreateGauge("videobot_plugin_info",
            "1 for every plugin folder, with its serving version and status (Active, Degraded, Disabled, Malfunctioned...).", "plugin", "version", "status");
        _successRatios = factory.CreateGauge("videobot_platform_success_ratio",
            "Share of a plugin's extractions that succeeded over its health window (Plugins:HealthWindowSeconds), by source: jobs (users' links) or probes (the manifest's probe URLs).",
            "plugin", "source");
        Registry.AddBeforeCollectCallback(BeforeScrape);
    }

    /// <summary>The registry <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>A finished link: its platform ("none" before routing), outcome and duration.</summary>
    public void Job(string platform, string outcome, TimeSpan duration)
    {
        _jobs.WithLabels(platform, outcome).Inc();
        _durations.WithLabels(platform, outcome).Observe(duration.TotalSeconds);
    }

    public void Uploaded(string platform, long bytes) => _bytes.WithLabels(platform).Inc(bytes);

    public void CacheLookup(bool hit) => _cache.WithLabels(hit ? "hit" : "miss").Inc();

    public void PluginFailure(string plugin, string kind) => _pluginFailures.WithLabels(plugin, kind).Inc();

    /// <summary>A refusal by <paramref name="limiter"/> (user, platform, queue, disk, circuit).</summary>
    public void RateLimited(string limiter) => _rateLimited.WithLabels(limiter).Inc();

    /// <summary>Registers a source of the queue gauges, read on every scrape.</summary>
    public void ObserveQueue(Func<(int Running, int Waiting, int Updates)> source) => OnScrape(() =>
    {
        var (running, waiting, updates) = source();
        _running.Set(running);
        _queued.Set(waiting);
        _updates.Set(updates);
    });

    /// <summary>
    /// Registers the source of <c>videobot_plugin_info</c>, read on every scrape: one series per plugin, so an alert can name a
    /// plugin that is not Active, and a swap shows as its version label changing. Series of plugins gone since are dropped.
    /// </summary>
    public void ObservePlugins(Func<IEnumerable<(string Id, string Version, string Status)>> source) => OnScrape(() =>
    {
        var now = source().Select(p => new[] { p.Id, p.Version, p.Status }).ToList();
        foreach (var old in _plugins.GetAllLabelValues().Where(old => !now.Any(n => n.SequenceEqual(old))).ToList())
        {
            _plugins.RemoveLabelled(old);
        }

        foreach (var labels in now)
        {
            _plugins.WithLabels(labels).Set(1);
        }
    });

    /// <summary>
    /// Registers the source of <c>videobot_platform_success_ratio</c>, read on every scrape: one series per plugin and source
    /// with outcomes in the window. A series whose window emptied is dropped rather than kept at its last value.
    /// </summary>
    public void ObserveSuccessRatios(Func<IEnumerable<(string Plugin, string Source, double Ratio)>> source) => OnScrape(() =>
    {
        var now = source().ToList();
        foreach (var old in _successRatios.GetAllLabelValues().Where(old => !now.Any(n => n.Plugin == old[0] && n.Source == old[1])).ToList())
        {
            _successRatios.RemoveLabelled(old);
        }

        foreach (var (plugin, label, ratio) in now)
        {
            _successRatios.WithLabels(plugin, label).Set(ratio);
        }
    });

    private void OnScrape(Action callback)
    {
        lock (_beforeScrape)
        {
            _beforeScrape.Add(callback);
        }
    }

    private void BeforeScrape()
    {
        using (var process = Process.GetCurrentProcess())
        {
            _workingSet.Set(process.WorkingSet64);
        }

        _managedHeap.Set(GC.GetTotalMemory(forceFullCollection: false));
        Action[] callbacks;
        lock (_beforeScrape)
        {
            callbacks = [.. _beforeScrape];
        }

        foreach (var callback in callbacks)
        {
            callback();
        }
    }
}
