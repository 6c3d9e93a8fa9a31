using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.TestPlugins;

/// <summary>A well-behaved plugin: answers with one video whose id is the URL's <c>id</c> group and whose URL is the request's.</summary>
public sealed class EchoExtractor : IExtractor
{
    /// <inheritdoc />
    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var post = new MediaPost
        {
            Id = request.Group("id") ?? "none",
            Title = "echo from " + context?.PluginId,
            Items = [new MediaItem { Formats = [new MediaFormat { Url = request.Url }] }],
        };
        return Task.FromResult(ExtractionResult.FromPost(post));
    }
}
