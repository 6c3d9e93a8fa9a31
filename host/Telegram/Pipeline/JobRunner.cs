using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Extraction;
using VideoBot.Host.Hosting;
using VideoBot.Host.Admission;
using VideoBot.Host.Messages;
using VideoBot.Host.Observability;
using VideoBot.Host.Routing;
using VideoBot.Host.Jobs;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Telegram.Groups;
using VideoBot.Host.Telegram.Playlists;
using VideoBot.Host.Telegram.Slideshows;
using VideoBot.Host.Telegram.Status;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Host.Telegram.Pipeline;

/// <summary>
/// Answers one link: route it (a quick answer for unusable or unclaimed links), answer from the file_id cache when it can (or
/// from another user's job for the same link, running here or on another instance), else extract, download into a job-private
/// folder, upload and cache, with a status message that follows along. The folder is removed however the job ends.
/// </summary>
internal sealed class JobRunner(
    IRouter router,
    IExtractionService extraction,
    MediaFetcher fetcher,
    Uploader uploader,
    CachedAnswers cached,
    MediaCache cache,
    JobTracker jobs,
    StatusMessages statuses,
    CaptionBuilder captions,
    ErrorMessages errors,
    MessageCatalog messages,
    BotStats stats,
    HostPaths paths,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> telegram,
    IOptions<LimitsOptions> limits,
    JobGuard guard,
    JobObserver observer,
    CancelButton cancelButton,
    ChatActions chatActions,
    JobStatusRecords statusRecords,
    QuietFailures quiet,
    PlaylistOffers playlists,
    SlideshowVideos slideshows,
    ILogger<JobRunner> logger)
{
    public async Task RunAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        // Every line logged for this link, here and below (plugins, yt-dlp), carries the job id, hashed user, plugin, outcome.
        using var job = observer.Begin(request.UserId);
        var route = router.Route(request.Link);
        if (route.Url is null)
        {
            await ReplyAsync(request, messages.Html(request.Language, "error.malformed_link", ("link", Shorten(request.Link))), cancellationToken);
            stats.Failure();
            job.Finish("malformed");
            return;
        }

        if (route.Candidates.Count == 0)
        {
            await ReplyAsync(request, messages.Html(request.Language, "error.unsupported_link", ("host", route.Url.Host)), cancellationToken);
            stats.Failure();
            job.Finish("unsupported");
            return;
        }

        job.SetPlatform(route.Candidates[0].Plugin.Id);
        if (PlaylistLinks.PlaylistOf(route) is { } playlist)
        {
            // A playlist, channel or profile: offered in batches, each video then a link of its own.
            await playlists.OfferAsync(request, playlist, cancellationToken);
            job.Finish("playlist");
            return;
        }

        var key = route.Url.AbsoluteUri;
        var choice = request.Settings.Choice;
        var source = await cached.AnswerAsync(request, key, choice, ct => RunFullJobAsync(request, route, key, job, ct), cancellationToken);
        if (source != AnswerSource.SharedFailure)
        {
            job.CacheLookup(source == AnswerSource.Cache);
        }

        // The own job recorded its outcome already (Finish keeps the first); "failed" covers one that could not start.
        job.Finish(source == AnswerSource.Cache ? "cached" : "failed");
    }

    /// <summary>The whole job for one user; it tells that user how it ended, and throws on failure so nothing is cached.</summary>
    private async Task<CachedMedia> RunFullJobAsync(LinkRequest request, RouteResult route, string key, ObservedJob job, CancellationToken cancellationToken)
    {
        // Waited for before the clock starts: the time limit is for the work, not for the queue ahead of it.
        IDisposable slot;
        try
        {
            slot = await jobs.TakeSlotAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            job.Finish(jobs.IsStopping ? "interrupted" : "cancelled");
            throw;
        }

        using var held = slot;
        var started = Stopwatch.GetTimestamp();
        var timeLimit = TimeSpan.FromMinutes(limits.Value.JobTimeoutMinutes);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeLimit);
        var ct = timeout.Token;
        var directory = Path.Combine(paths.TempDirectory, "job-" + Guid.NewGuid().ToString("N"));
        await using var status = await statuses.SendAsync(
            request.Chat, request.ReplyTo, messages.Html(request.Language, "status.extracting"), ct, cancelButton.For(request));
        await statusRecords.RecordAsync(request.JobId, status.MessageId);
        try
        {
            var platform = Platform.Of(route);
            using var admitted = await guard.EnterAsync(platform.Key, platform.Name,
                () => status.Show(messages.Html(request.Language, "status.waiting")), ct);
            // A link handed to yt-dlp is described and downloaded by one run, which stops at once if the job refuses the media.
            var plan = DelegatedPlan.For(request.Settings, telegram.Value.UploadLimit, directory, ct) with
            {
                Admits = post => Admits(post, request.Settings.Clip),
            };
            var outcome = await cache.GetOrExtractAsync(key, c => extraction.ExtractAsync(route, platform, plan, c), ct);
            CheckDuration(outcome.Post, request.Settings.Clip);
            var files = await fetcher.FetchAsync(outcome, request.Settings, directory, status, request.Language, ct);
            files = await slideshows.ApplyAsync(outcome.Post, files, request.Settings, status, request.Language, directory, ct);
            status.Show(messages.Html(request.Language, "status.uploading"));
            var caption = captions.Build(outcome.Post, outcome.Post.CanonicalUrl ?? route.Url!, request.Language);
            IReadOnlyList<SentFile> sent;
            await using (chatActions.Start(request.Chat, ChatActions.For(files)))
            {
                sent = await uploader.SendAsync(request.Chat, request.ReplyTo, files, caption, ct);
            }

            // HybridCache stores the result when this returns; until then anyone sending the link joins this job.
            await status.DeleteAsync();
            stats.Success();
            job.Uploaded(files.Select(f => f.Path));
            job.Finish("success");
            TelegramLog.JobSucceeded(logger, key, request.Settings.Choice, sent.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new CachedMedia(sent, caption);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user (/cancel), or by the host's shutdown: then the job is resumed at the next start.
            job.Finish(jobs.IsStopping ? "interrupted" : "cancelled");
            await status.FinishAsync(messages.Html(request.Language, jobs.IsStopping ? "status.interrupted" : "error.cancelled"));
            if (!jobs.IsStopping)
            {
                stats.Cancellation();
            }

            throw;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            job.Finish("timeout");
            var failure = new JobTimeoutException(timeLimit);
            await FailAsync(request, status, key, failure, e);
            throw new SharedJobFailedException(failure);
        }
        catch (Exception e)
        {
            job.Finish(e is LimitRefusal ? "refused" : "failed");
            await FailAsync(request, status, key, e, e);
            throw new SharedJobFailedException(e);
        }
        finally
        {
            RemoveDirectory(directory);
        }
    }

    private async Task FailAsync(LinkRequest request, StatusMessage status, string key, Exception failure, Exception logged)
    {
        if (ErrorMessages.IsExpected(failure))
        {
            TelegramLog.JobFailed(logger, key, ErrorMessages.KindOf(failure), PluginText.Cut(failure.Message, PluginText.MaxMessage)!);
            TelegramLog.JobFailedDetail(logger, logged, key);
        }
        else
        {
            TelegramLog.JobError(logger, logged, key);
        }

        stats.Failure();
        if (request.Quiet)
        {
            await status.DeleteAsync();
            await quiet.ReactAsync(request.Chat, request.ReplyTo, CancellationToken.None);
            return;
        }

        await status.FinishAsync(errors.Describe(failure, request.Language, telegram.Value.UploadLimit));

        // The error is the link's answer now: a resume must not remove it.
        await statusRecords.RecordAsync(request.JobId, null);
    }

    private bool Admits(MediaPost post, Media.ClipRange? clip)
    {
        try
        {
            CheckDuration(post, clip);
            return true;
        }
        catch (Exception e) when (e is MediaTooLongException or Media.ClipOutOfRangeException)
        {
            return false;
        }
    }

    private void CheckDuration(MediaPost post, Media.ClipRange? clip)
    {
        var max = limits.Value.MaxDurationSeconds;
        var duration = post.Duration ?? post.Items.Max(i => i.Duration);
        if (clip is not null)
        {
            // A clip is fetched only in part: its own length counts against the limit, not the whole media's.
            Media.ClipOutOfRangeException.ThrowIfPastEnd(clip, duration);
            if (max > 0 && clip.Length.TotalSeconds > max)
            {
                throw new MediaTooLongException(clip.Length, TimeSpan.FromSeconds(max));
            }

            return;
        }

        if (max > 0 && duration is { } d && d.TotalSeconds > max)
        {
            throw new MediaTooLongException(d, TimeSpan.FromSeconds(max));
        }
    }

    private Task ReplyAsync(LinkRequest request, string html, CancellationToken cancellationToken) => request.Quiet
        ? quiet.ReactAsync(request.Chat, request.ReplyTo, cancellationToken)
        : retry.RunAsync(ct => bot.SendMessage(request.Chat, html, ParseMode.Html, Reply.To(request.ReplyTo), cancellationToken: ct), cancellationToken);

    private void RemoveDirectory(string directory)
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process killed on cancellation (ffmpeg, yt-dlp) may hold a file a moment longer.
                if (attempt == 2)
                {
                    TelegramLog.TempCleanupFailed(logger, e, directory);
                }
                else
                {
                    Thread.Sleep(200);
                }
            }
        }
    }

    private static string Shorten(string link) => link.Length <= 200 ? link : link[..200] + "…";
}
