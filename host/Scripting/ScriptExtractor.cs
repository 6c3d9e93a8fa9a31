using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>Runs a script plugin in a fresh Jint sandbox per extraction. STUB: replaced by the sandboxed runtime.</summary>
internal sealed class ScriptExtractor(string pluginId, string scriptPath, ScriptLimits limits) : IExtractor
{
    public string PluginId { get; } = pluginId;
    public string ScriptPath { get; } = scriptPath;
    public ScriptLimits Limits { get; } = limits;

    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken) =>
        throw new ExtractionException(ExtractionErrorKind.PluginFault, "script runtime not built yet");
}

/// <summary>The sandbox limits of one script run, already capped by the host's maximums.</summary>
internal sealed record ScriptLimits(TimeSpan Timeout, long MemoryBytes, int MaxStatements, int MaxRecursion)
{
    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(10), 32L * 1024 * 1024, 5_000_000, 256);
}
