using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// Drives the yt-dlp executable through CliWrap: metadata with <c>-J</c>, downloads with progress. See <see cref="YtDlpArguments"/>
/// for the command-line rules (no config, no shell, <c>--</c> before the URL, no generic extractor unless the router allows it).
/// </summary>
/// <remarks>
/// Unless <c>Network:AllowPrivateAddresses</c> is set, yt-dlp reaches the network only through the <see cref="EgressProxy"/>
/// (<c>--proxy</c>), so its own requests, the generic extractor's redirects and ffmpeg's fetches obey the address rules too.
/// A per-plugin proxy (<c>YtDlp:Proxy</c>) is the operator's explicit choice and replaces it.
/// <para>Each run passes through the <see cref="YtDlpGate"/>, so an update of yt-dlp never changes files under a running one;
/// <c>--js-runtimes</c> and <c>--impersonate</c> are added only where <see cref="YtDlpCapabilityCache"/> says they work.</para>
/// </remarks>
internal sealed partial class YtDlpEngine(
    IOptions<YtDlpOptions> options,
    IOptions<NetworkOptions> network,
    EgressProxy egress,
    YtDlpCapabilityCache capabilities,
    YtDlpGate gate,
    CookieAccounts accounts,
    ILogger<YtDlpEngine> logger)
{
    /// <summary>The largest <c>-J</c> document read; a ten-entry album of a format-rich site stays far below.</summary>
    private const int MaxJsonBytes = 64 * 1024 * 1024;

    private readonly YtDlpOptions _options = options.Value;
    private readonly NetworkOptions _network = network.Value;

    /// <summary>Describes <paramref name="request"/> with <c>yt-dlp -J</c>.</summary>
    /// <exception cref="ExtractionException">The URL was refused, yt-dlp is missing, failed (kind from its error) or timed out.</exception>
    public async Task<MediaPost> ExtractAsync(YtDlpRequest request, string pluginId, CancellationToken cancellationToken) =>
        (await DescribeAsync(request, pluginId, cancellationToken)).Post;

    /// <summary>
    /// Describes <paramref name="request"/> with <c>yt-dlp -J</c>, and keeps the document in the hand-over, so the download
    /// loads it instead of running the site's extractor again.
    /// </summary>
    /// <exception cref="ExtractionException">The URL was refused, yt-dlp is missing, failed (kind from its error) or timed out.</exception>
    public async Task<(MediaPost Post, YtDlpHandOver HandOver)> DescribeAsync(YtDlpRequest request, string pluginId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        YtDlpArguments.ValidateUrl(request.Url);
        return await WithAccountAsync(pluginId, account => DescribeAsync(request, pluginId, account, cancellationToken));
    }

    private async Task<(MediaPost Post, YtDlpHandOver HandOver)> DescribeAsync(
        YtDlpRequest request, string pluginId, CookieAccount? account, CancellationToken cancellationToken)
    {
        var process = CreateProcess();
        using var cookies = CookiesCopy.Create(account);
        var args = await CommonAsync(request, pluginId, cookies?.Path, cancellationToken);
        using var run = await gate.EnterRunAsync(cancellationToken);

        args.AddRange(["-J", "--no-progress"]);
        YtDlpArguments.WithUrl(args, request.Url);

        using var json = new MemoryStream();
        var result = await process.RunAsync(
            args, "metadata", Path.GetTempPath(), TimeSpan.FromSeconds(_options.MetadataTimeoutSeconds),
            YtDlpProcess.Bounded(json, MaxJsonBytes), CancellationToken.None, cancellationToken);

        if (result.ExitCode != 0)
        {
            throw Failed(result);
        }

        if (json.Length >= MaxJsonBytes)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"yt-dlp's JSON exceeds {MaxJsonBytes / (1024 * 1024)} MB.");
        }

        var post = YtDlpJson.Parse(Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length));
        return (post, new YtDlpHandOver(request) { Info = json.ToArray() });
    }

    /// <summary>
    /// Downloads <see cref="YtDlpDownload.Format"/> of the request into the target folder as <c>BaseName.ext</c>, merging to mp4
    /// when video and audio come apart. The size cap is enforced three ways: <c>--max-filesize</c>, the progress stream (the
    /// process is killed once more bytes arrived), and the finished file.
    /// </summary>
    /// <remarks>
    /// With <see cref="YtDlpDownload.Info"/>, yt-dlp loads the description (written to the target folder, removed afterwards)
    /// rather than the page. Its media URLs may have expired since (signed CDN links): when the media answers 403 or 410,
    /// the download runs once more from the URL, which yt-dlp extracts afresh.
    /// </remarks>
    /// <exception cref="MediaTooLargeException">The media is larger than <see cref="YtDlpDownload.MaxBytes"/>; nothing is left behind.</exception>
    /// <exception cref="ExtractionException">yt-dlp is missing, failed or timed out.</exception>
    public async Task<DownloadedFile> DownloadAsync(YtDlpDownload download, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        YtDlpArguments.ValidateUrl(download.Request.Url);
        ValidateSelector(download.Format);
        var directory = Path.GetFullPath(download.TargetDirectory);
        Directory.CreateDirectory(directory);
        YtDlpArguments.OutputTemplate(directory, download.BaseName); // validates the base name before it names the info file
        if (download.Info is { } info)
        {
            // Our name in our folder, an absolute path: never read as an option, never a path a site chose. The random part keeps
            // it off any file already there (the CLI's `get` writes into a folder of the user's).
            var infoFile = Path.Combine(directory, $"{download.BaseName}.{Guid.NewGuid():N}.info.json");
            try
            {
                await File.WriteAllBytesAsync(infoFile, info, cancellationToken);
                return await WithAccountAsync(download.PluginId, account => RunDownloadAsync(download, directory, infoFile, account, progress, cancellationToken));
            }
            catch (ExpiredInfoException e)
            {
                YtDlpLog.InfoExpired(logger, e.Failure.Message);
            }
            finally
            {
                DeleteFile(infoFile);
            }
        }

        return await WithAccountAsync(download.PluginId, account => RunDownloadAsync(download, directory, null, account, progress, cancellationToken));
    }

    private async Task<DownloadedFile> RunDownloadAsync(
        YtDlpDownload download, string directory, string? infoFile, CookieAccount? account, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var template = YtDlpArguments.OutputTemplate(directory, download.BaseName);
        var process = CreateProcess();

        using var cookies = CookiesCopy.Create(account);
        var args = await CommonAsync(download.Request, download.PluginId, cookies?.Path, cancellationToken);
        using var run = await gate.EnterRunAsync(cancellationToken);

        AddDownloadArguments(args, download, template);
        if (infoFile is not null)
        {
            // No URL: yt-dlp downloads the described video. --ignore-config still came first, and the proxy, cookies and
            // extractor rules of Common apply to the media requests as before.
            args.AddRange(["--load-info-json", infoFile]);
        }
        else
        {
            YtDlpArguments.WithUrl(args, download.Request.Url);
        }

        var tracker = new Tracker(download.MaxBytes, new ProgressThrottle(progress));
        using var abort = new CancellationTokenSource();
        var stdout = PipeTarget.ToDelegate(line =>
        {
            if (!tracker.Observe(line))
            {
                abort.Cancel();
            }
        });

        try
        {
            var result = await process.RunAsync(
                args, "download", directory, TimeSpan.FromSeconds(_options.DownloadTimeoutSeconds), stdout, abort.Token, cancellationToken);
            if (result.ExitCode != 0 && !result.Aborted && infoFile is not null && YtDlpFailure.MediaRefused(result.Stderr))
            {
                throw new ExpiredInfoException(Failed(result));
            }

            return Finished(result, tracker, download, directory);
        }
        catch
        {
            DeleteOutputs(directory, download.BaseName);
            throw;
        }
    }

    /// <summary>The download options of <paramref name="download"/>: format, ffmpeg, output, progress, size cap or part, subtitles, headers.</summary>
    private void AddDownloadArguments(List<string> args, YtDlpDownload download, string template)
    {
        args.AddRange(["-f", download.Format, "--merge-output-format", "mp4"]);
        if (ExecutableLocator.Resolve(_options.FfmpegPath) is { } ffmpeg)
        {
            args.AddRange(["--ffmpeg-location", ffmpeg]);
        }

        args.AddRange(
        [
            "-o", template, "--no-part", "--restrict-filenames", "--no-mtime",
            "--newline", "--progress-template", YtDlpProgressLine.Template,
        ]);
        if (download.Section is { } section)
        {
            // --max-filesize would judge the whole format; the part is capped by the progress stream and the finished file.
            args.AddRange(YtDlpArguments.Section(section));
        }
        else
        {
            args.AddRange(["--max-filesize", download.MaxBytes.ToString(CultureInfo.InvariantCulture)]);
        }

        if (download.Subtitles is { } subtitles)
        {
            args.AddRange(YtDlpArguments.Subtitles(subtitles));
        }

        foreach (var header in YtDlpArguments.Headers(download.Headers))
        {
            args.AddRange(["--add-header", header]);
        }
    }

    /// <summary>The file a finished download run left, checked against the cap; throws the run's failure otherwise.</summary>
    private DownloadedFile Finished(YtDlpProcess.Result result, Tracker tracker, YtDlpDownload download, string directory)
    {
        if (result.Aborted)
        {
            YtDlpLog.TooLarge(logger, download.MaxBytes);
            throw new MediaTooLargeException(download.MaxBytes, tracker.Bytes);
        }

        if (result.ExitCode != 0)
        {
            throw Failed(result);
        }

        var file = FindOutput(directory, download.BaseName);
        if (file is null)
        {
            throw tracker.SawSizeRefusal
                ? new MediaTooLargeException(download.MaxBytes, null)
                : new ExtractionException(ExtractionErrorKind.NoMedia, "yt-dlp finished without writing a file.");
        }

        if (file.Length > download.MaxBytes)
        {
            throw new MediaTooLargeException(download.MaxBytes, file.Length);
        }

        tracker.Throttle.Report(file.Length, file.Length, DownloadStage.Downloading, force: true);
        return new DownloadedFile(file.FullName, file.Length, file.Extension.TrimStart('.').ToLowerInvariant())
        {
            SubtitleFiles = download.Subtitles is { Embed: false } ? SubtitleOutputs(directory, download.BaseName) : [],
        };
    }

    /// <summary>yt-dlp's version, or null when it is missing. Read once, then cached (see <see cref="YtDlpCapabilityCache"/>).</summary>
    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken) =>
        (await capabilities.GetAsync(cancellationToken)).Version;

    private async Task<List<string>> CommonAsync(YtDlpRequest request, string? pluginId, string? cookiesFile, CancellationToken cancellationToken)
    {
        var can = await capabilities.GetAsync(cancellationToken);
        var impersonate = pluginId is not null && _options.Impersonate.TryGetValue(pluginId, out var target) ? target : null;
        return YtDlpArguments.Common(request, cookiesFile, ProxyFor(pluginId), can, impersonate, _options.RemoteComponents);
    }

    private YtDlpProcess CreateProcess() =>
        ExecutableLocator.Resolve(_options.Path) is { } path ? new YtDlpProcess(path, logger) : throw YtDlpProcess.NotFound(_options.Path);

    private string? ProxyFor(string? pluginId)
    {
        if (pluginId is not null && _options.Proxy.TryGetValue(pluginId, out var proxy) && !string.IsNullOrWhiteSpace(proxy))
        {
            return proxy;
        }

        return _network.AllowPrivateAddresses ? null : egress.Url.AbsoluteUri.TrimEnd('/');
    }

    private ExtractionException Failed(YtDlpProcess.Result result)
    {
        var failure = YtDlpFailure.From(result.ExitCode, result.Stderr);
        YtDlpLog.Failed(logger, result.ExitCode, failure.Kind.ToString(), failure.Message);
        return failure;
    }

    private static void ValidateSelector(string format)
    {
        if (string.IsNullOrEmpty(format) || format.Length > 1000 || format.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("The format selector is empty, too long or holds whitespace.", nameof(format));
        }
    }

    /// <summary>Subtitles kept as files: <c>BaseName.LANG.srt</c> (or <c>.vtt</c> when conversion was not possible).</summary>
    private static List<string> SubtitleOutputs(string directory, string baseName) =>
        [.. new DirectoryInfo(directory)
            .EnumerateFiles(baseName + ".*")
            .Where(f => f.Name.Count(c => c == '.') == 2 && f.Extension is ".srt" or ".vtt")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.FullName)];

    /// <summary>The finished file: <c>BaseName.ext</c>, not an intermediate (<c>BaseName.f137.mp4</c>) or a leftover part.</summary>
    private static FileInfo? FindOutput(string directory, string baseName) =>
        new DirectoryInfo(directory)
            .EnumerateFiles(baseName + ".*")
            .Where(f => f.Name.Count(c => c == '.') == 1 && f.Extension is not (".part" or ".ytdl" or ".temp" or ".tmp"))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .FirstOrDefault();

    private void DeleteOutputs(string directory, string baseName)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, baseName + ".*"))
        {
            DeleteFile(file);
        }
    }

    private void DeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException e)
        {
            YtDlpLog.CleanupFailed(logger, e, file);
        }
        catch (UnauthorizedAccessException e)
        {
            YtDlpLog.CleanupFailed(logger, e, file);
        }
    }

    /// <summary>A download from loaded info whose media answered 403 or 410: its signed URLs have likely expired.</summary>
    private sealed class ExpiredInfoException(ExtractionException failure) : Exception(failure.Message, failure)
    {
        public ExtractionException Failure { get; } = failure;
    }

    /// <summary>Follows the progress lines: bytes over all files of a merge, the stage, and whether the cap was passed.</summary>
    private sealed class Tracker(long maxBytes, ProgressThrottle throttle)
    {
        private long _completed;
        private long _current;

        public ProgressThrottle Throttle { get; } = throttle;

        public long Bytes => _completed + _current;

        public bool SawSizeRefusal { get; private set; }

        /// <summary>Takes one stdout line; false when the download must stop.</summary>
        public bool Observe(string line)
        {
            if (YtDlpProgressLine.TryParse(line, out var p))
            {
                if (p.Downloaded < _current)
                {
                    _completed += _current; // The next file of a video+audio pair started.
                }

                _current = p.Downloaded;
                Throttle.Report(Bytes, p.Total is { } total ? _completed + total : null, DownloadStage.Downloading, p.BytesPerSecond);
                return Bytes <= maxBytes;
            }

            if (line.Contains("larger than max-filesize", StringComparison.OrdinalIgnoreCase))
            {
                SawSizeRefusal = true;
            }
            else if (line.StartsWith("[Merger]", StringComparison.Ordinal) || line.StartsWith("[Fixup", StringComparison.Ordinal) || line.StartsWith("[VideoRemuxer]", StringComparison.Ordinal))
            {
                Throttle.Report(Bytes, null, DownloadStage.Merging);
            }

            return true;
        }
    }
}
