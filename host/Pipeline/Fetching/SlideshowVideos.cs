using VideoBot.Host.Caching;
using VideoBot.Host.Messages;
using VideoBot.Sdk.Media;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>
/// A photo slideshow is a post of photos and one sound (TikTok's photo mode). By default it goes out as the pipeline sends any
/// post: the photos as albums of up to ten, then the sound as an audio message. With <c>/settings</c> "Slideshows as video"
/// on, the downloaded photos and sound become one video (<see cref="SlideshowRenderer"/>) instead.
/// </summary>
internal sealed class SlideshowVideos(SlideshowRenderer renderer, MessageCatalog messages)
{
    /// <summary>True for a post of one or more photos and exactly one sound, nothing else.</summary>
    public static bool IsSlideshow(MediaPost post) =>
        post.Items.Count >= 2
        && post.Items.Count(i => i.Kind == MediaKind.Audio) == 1
        && post.Items.All(i => i.Kind is MediaKind.Image or MediaKind.Audio);

    /// <summary>The files to send: <paramref name="files"/> as they are, or one rendered video when the user asked for it.</summary>
    public async Task<IReadOnlyList<OutgoingFile>> ApplyAsync(
        MediaPost post, IReadOnlyList<OutgoingFile> files, UserSettings settings, IStatusMessage status, string language, string directory,
        CancellationToken cancellationToken)
    {
        if (!settings.SlideshowAsVideo || settings.AudioOnly || !IsSlideshow(post) || files.Count != post.Items.Count
            || files.Any(f => f.Path is null))
        {
            return files;
        }

        status.Show(messages.Html(language, "status.rendering"));
        var soundIndex = post.Items.ToList().FindIndex(i => i.Kind == MediaKind.Audio);
        var sound = files[soundIndex];
        var photos = files.Where((_, i) => i != soundIndex).ToList();
        var firstPhoto = photos[0] is { Width: { } w, Height: { } h } ? (w, h) : ((int, int)?)null;
        var length = post.Items[soundIndex].Duration ?? (sound.Duration is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        var output = Path.Combine(directory, "slideshow.mp4");
        await renderer.RenderAsync([.. photos.Select(p => p.Path!)], sound.Path!, length, firstPhoto, output, cancellationToken);
        var (width, height) = SlideshowRenderer.Frame(firstPhoto);
        var duration = length is { } l ? (int)Math.Round(l.TotalSeconds) : (int)Math.Round(SlideshowRenderer.FallbackPerPhoto.TotalSeconds * photos.Count);
        return
        [
            new OutgoingFile(settings.SendAs == SendAs.Document ? SentKind.Document : SentKind.Video, output, null)
            {
                Width = width,
                Height = height,
                Duration = duration,
                Title = post.Title,
                Performer = post.Uploader,
            },
        ];
    }
}
