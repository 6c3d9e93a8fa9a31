using VideoBot.Sdk.Extraction;

namespace VideoBot.TestPlugins;

/// <summary>Ends the whole process when asked to extract: what an assembly plugin can do to the host it runs in.</summary>
public sealed class ExitingExtractor : IExtractor
{
    /// <inheritdoc />
    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken)
    {
        Environment.Exit(0);
        return Task.FromException<ExtractionResult>(new InvalidOperationException("unreachable"));
    }
}
