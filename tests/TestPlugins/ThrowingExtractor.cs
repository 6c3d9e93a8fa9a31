using VideoBot.Sdk.Extraction;

namespace VideoBot.TestPlugins;

/// <summary>A plugin whose constructor throws, as one with a missing setting or a broken static initializer would.</summary>
public sealed class ThrowingExtractor : IExtractor
{
    /// <summary>Always throws.</summary>
    public ThrowingExtractor() => throw new InvalidOperationException("the test plugin refuses to start");

    /// <inheritdoc />
    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
