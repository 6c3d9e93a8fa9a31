using VideoBot.Host.Downloading;
using VideoBot.Host.Messages;
using VideoBot.Host.Media;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>Turns download progress into status texts ("Downloading 42% of 18.3 MB at 5.1 MB/s") for one item of a post.</summary>
internal sealed class ProgressText(IStatusMessage status, MessageCatalog messages, string language, int index, int count)
    : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value) => status.Show(Describe(value));

    public string Describe(DownloadProgress value)
    {
        if (value.Stage == DownloadStage.Merging)
        {
            return messages.Html(language, "status.merging");
        }

        var speed = Formats.Speed(value.BytesPerSecond);
        var progress = value.Total is > 0 and var total
            ? messages.Html(language, "progress.known",
                ("percent", (int)Math.Clamp(value.Bytes * 100 / total, 0, 100)), ("total", Formats.Size(total)), ("speed", speed))
            : messages.Html(language, "progress.unknown", ("done", Formats.Size(value.Bytes)), ("speed", speed));
        return count > 1
            ? messages.Html(language, "status.downloading_item", ("index", index + 1), ("count", count), ("progress", new HtmlFragment(progress)))
            : messages.Html(language, "status.downloading", ("progress", new HtmlFragment(progress)));
    }
}
