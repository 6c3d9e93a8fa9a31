using VideoBot.Host.Messages;

namespace VideoBot.Host.Pipeline.Captions;

/// <summary>A file's own caption line ("part 1/3") joined to the post's caption, within Telegram's 1024 characters.</summary>
internal static class PartCaption
{
    public static string? With(string? caption, string? label)
    {
        if (label is null)
        {
            return caption;
        }

        var line = HtmlText.Escape(label);
        if (caption is null)
        {
            return line;
        }

        // The label goes first, so a caption cut to the limit never loses it; the caption is dropped when both don't fit.
        var joined = line + "\n" + caption;
        return CaptionBuilder.PlainLength(joined) <= CaptionBuilder.MaxLength ? joined : line;
    }
}
