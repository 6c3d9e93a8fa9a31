using VideoBot.Host.Caching;
using VideoBot.Host.Media;
using VideoBot.Host.YtDlp;

namespace VideoBot.Host.Downloading;

/// <summary>
/// A job's download of a link a plugin hands to yt-dlp, known before the link is described, so that one yt-dlp run describes
/// and downloads it (<see cref="YtDlpPlan"/>): the user's settings and the upload limit as a format selector, the clip and the
/// subtitles as any delegated download takes them.
/// </summary>
internal static class DelegatedPlan
{
    /// <summary>The base name of the run's file: the first item's, as the job names it.</summary>
    public const string BaseName = "item1";

    /// <summary>The plan of a job downloading into <paramref name="directory"/>; <paramref name="job"/> stops the run.</summary>
    public static YtDlpPlan For(UserSettings settings, long uploadLimit, string directory, CancellationToken job)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var preferences = new FormatPreferences(uploadLimit, settings.AudioOnly, settings.MaxHeight, MergeAudio: true);
        return new YtDlpPlan(FormatSelector.YtDlpJobSpec(preferences, settings.Clip?.Length), directory, BaseName, uploadLimit, job)
        {
            Section = settings.Clip,
            Subtitles = SubtitlesFor(settings),
        };
    }

    /// <summary>The subtitles a delegated download of the job fetches: none when off or for sound only.</summary>
    public static SubtitleRequest? SubtitlesFor(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Subtitles == SubtitleMode.Off || settings.AudioOnly
            ? null
            : new SubtitleRequest(settings.SubtitleLanguage ?? "en", settings.Subtitles == SubtitleMode.Embedded);
    }
}
