using VideoBot.Sdk.Media;

namespace VideoBot.Sdk.Extraction;

/// <summary>What an extractor answers: either the media itself, or a hand-over to the host's yt-dlp engine.</summary>
public sealed class ExtractionResult
{
    private ExtractionResult(MediaPost? post, YtDlpRequest? ytDlp)
    {
        Post = post;
        YtDlp = ytDlp;
    }

    /// <summary>The media the extractor found, when it did the work itself.</summary>
    public MediaPost? Post { get; }

    /// <summary>The hand-over to yt-dlp, when the extractor delegates.</summary>
    public YtDlpRequest? YtDlp { get; }

    /// <summary>Answers with media the extractor found itself.</summary>
    /// <param name="post">The post; it must hold at least one item.</param>
    public static ExtractionResult FromPost(MediaPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Items.Count == 0)
        {
            throw new ArgumentException("A post must hold at least one media item.", nameof(post));
        }

        return new ExtractionResult(post, null);
    }

    /// <summary>Hands the URL to the host's yt-dlp engine.</summary>
    /// <param name="request">The URL and options for yt-dlp.</param>
    public static ExtractionResult Delegate(YtDlpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ExtractionResult(null, request);
    }
}
