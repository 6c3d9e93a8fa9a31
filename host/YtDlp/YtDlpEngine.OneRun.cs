using VideoBot.Host.Media;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.YtDlp;

internal sealed partial class YtDlpEngine
{
    /// <summary>
    /// Describes <paramref name="request"/> and, with a <paramref name="plan"/>, downloads it in the same yt-dlp run: the run
    /// selects <see cref="YtDlpPlan.Format"/> itself and prints its description (<c>-j --no-simulate</c>, written before the
    /// download starts), which this returns while the download goes on in <see cref="YtDlpHandOver.Run"/>. Without a plan, or
    /// for an album (more than one video), the link is described with <c>-J</c> as before.
    /// </summary>
    /// <remarks>
    /// Failures before the description keep their kinds and are extraction failures (the circuit breaker counts them); failures
    /// after it belong to the download and reach the job when it takes the run. The description waits at most
    /// <c>YtDlp:MetadataTimeoutSeconds</c>; the whole run may take that plus <c>YtDlp:DownloadTimeoutSeconds</c>.
    /// </remarks>
    /// <exception cref="ExtractionException">The URL was refused, yt-dlp is missing, failed (kind from its error) or timed out.</exception>
    public async Task<(MediaPost Post, YtDlpHandOver HandOver)> DescribeAsync(
        YtDlpRequest request, string pluginId, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        if (plan is null)
        {
            return await DescribeAsync(request, pluginId, cancellationToken);
        }

        ArgumentNullException.ThrowIfNull(request);
        YtDlpArguments.ValidateUrl(request.Url);
        var download = plan.For(request, pluginId);
        ValidateSelector(download.Format);
        var directory = Path.GetFullPath(download.TargetDirectory);
        Directory.CreateDirectory(directory);
        var template = YtDlpArguments.OutputTemplate(directory, download.BaseName);
        return await WithAccountAsync(pluginId, account => DescribeAsync(request, pluginId, plan, download, template, directory, account, cancellationToken));
    }

    /// <summary>One run with one account: a failure before the description leaves nothing behind, so it may be run again.</summary>
    private async Task<(MediaPost Post, YtDlpHandOver HandOver)> DescribeAsync(
        YtDlpRequest request, string pluginId, YtDlpPlan plan, YtDlpDownload download, string template, string directory, CookieAccount? account,
        CancellationToken cancellationToken)
    {
        var process = CreateProcess();
        var described = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new YtDlpRun.LateProgress();

        // Not disposed here: it stops the run after this returns, when the job is cancelled or times out.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(plan.Stop);
        var running = RunOnceAsync(process, download, template, directory, account, described, progress, stop.Token, cancellationToken);
        _ = running.ContinueWith(_ => stop.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        // The run is given up (refused, an album, failed or cancelled): it is stopped and whatever it wrote goes.
        async Task AbandonAsync()
        {
            await StopAsync(stop, running);
            DeleteOutputs(directory, download.BaseName);
        }

        try
        {
            var first = await Task.WhenAny(described.Task, running)
                .WaitAsync(TimeSpan.FromSeconds(_options.MetadataTimeoutSeconds), cancellationToken);
            if (first == running)
            {
                // yt-dlp ended before describing anything: its failure is the extraction's, with its kind.
                await running;
                throw new ExtractionException(ExtractionErrorKind.NoMedia, "yt-dlp finished without describing the link.");
            }

            // Read once: a description runs to megabytes for some sites, and four readers below need it.
            using var description = YtDlpJson.Document(await described.Task);
            var json = description.RootElement;
            var post = YtDlpJson.Parse(json);
            if (YtDlpJson.IsAlbumEntry(json))
            {
                // An album: its videos are described together and downloaded one by one, as before.
                await AbandonAsync();
                return await DescribeAsync(request, pluginId, cancellationToken);
            }

            var handOver = new YtDlpHandOver(request) { Info = YtDlpInfoFile.FromRun(json) };
            if (!plan.Admits(post) || YtDlpJson.Chosen(json) is not { } chosen)
            {
                // The job will refuse this media (too long): nothing more is fetched. The description stands for the refusal.
                await AbandonAsync();
                return (post, handOver);
            }

            return (post, handOver with { Run = new YtDlpRun(directory, chosen, progress, running) });
        }
        catch (OperationCanceledException) when (plan.Stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The job that planned the run was cancelled, but another job waiting on the same description was not: it gets one.
            await AbandonAsync();
            return await DescribeAsync(request, pluginId, cancellationToken);
        }
        catch (TimeoutException)
        {
            await AbandonAsync();
            throw new ExtractionException(
                ExtractionErrorKind.Network, $"yt-dlp took longer than {_options.MetadataTimeoutSeconds} s (metadata) and was stopped.");
        }
        catch
        {
            await AbandonAsync();
            throw;
        }
    }

    /// <summary>The run itself, from start to the checked file; the cookies copy and the gate's slot are held until it ends.</summary>
    private async Task<DownloadedFile> RunOnceAsync(
        YtDlpProcess process, YtDlpDownload download, string template, string directory, CookieAccount? account,
        TaskCompletionSource<string> described, IProgress<DownloadProgress> progress, CancellationToken stop, CancellationToken starting)
    {
        using var cookies = CookiesCopy.Create(account);
        var args = await CommonAsync(download.Request, download.PluginId, cookies?.Path, starting);
        using var slot = await gate.EnterRunAsync(starting);
        AddDownloadArguments(args, download, template);

        // -j prints the description of the video as it will be downloaded (its format chosen) before the download starts;
        // --no-quiet keeps the progress and merger lines -j would silence.
        args.AddRange(["-j", "--no-simulate", "--no-quiet"]);
        YtDlpArguments.WithUrl(args, download.Request.Url);

        var tracker = new Tracker(download.MaxBytes, new ProgressThrottle(progress));
        using var abort = new CancellationTokenSource();
        var stdout = YtDlpProcess.Lines(MaxJsonBytes, line =>
        {
            if (!described.Task.IsCompleted && line.StartsWith('{'))
            {
                described.TrySetResult(line);
            }
            else if (!tracker.Observe(line))
            {
                abort.Cancel();
            }
        });

        try
        {
            var timeLimit = TimeSpan.FromSeconds(_options.MetadataTimeoutSeconds + _options.DownloadTimeoutSeconds);
            var result = await process.RunAsync(args, "describe and download", directory, timeLimit, stdout, abort.Token, stop);
            return Finished(result, tracker, download, directory);
        }
        catch
        {
            DeleteOutputs(directory, download.BaseName);
            throw;
        }
    }

    /// <summary>Stops the run (the process tree is killed) and waits for it to end, whatever it ended with.</summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task running)
    {
        try
        {
            await stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already done with.
        }

        try
        {
            await running;
        }
        catch (Exception)
        {
            // Stopped on purpose: how it ended does not matter, only that it did.
        }
    }
}
