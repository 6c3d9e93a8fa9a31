using VideoBot.Sdk.Extraction;

namespace VideoBot.TestPlugins;

/// <summary>A plugin whose constructor blocks (a network call at start-up, a deadlock); it gives up after a minute.</summary>
public sealed class HangingExtractor : IExtractor
{
    /// <summary>Blocks for a minute.</summary>
    public HangingExtractor() => Thread.Sleep(TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
