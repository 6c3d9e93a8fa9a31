using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Scripting;

/// <summary>The sandbox limits of one script run, already capped by the host's maximums.</summary>
/// <param name="Timeout">Wall-clock time for the whole run, awaited fetches included.</param>
/// <param name="MemoryBytes">What the script may allocate (Jint counts allocations on the run's thread).</param>
/// <param name="MaxStatements">JavaScript statements the whole run may execute, across every await.</param>
/// <param name="MaxRecursion">Call depth the script may reach.</param>
/// <param name="MaxResponseBytes">Largest response body <c>http.fetch</c> reads. Default 8 MB, the gateway's own default cap.</param>
internal sealed record ScriptLimits(TimeSpan Timeout, long MemoryBytes, int MaxStatements, int MaxRecursion, long MaxResponseBytes = ScriptLimits.DefaultMaxResponseBytes)
{
    public const long DefaultMaxResponseBytes = 8L * 1024 * 1024;

    // The schema's bounds (plugin-manifest.schema.json, limits); a manifest outside them was already rejected, the clamp
    // only keeps a hand-built LimitsSection from asking for "no limit".
    private const int MinStatements = 1_000;
    private const int MaxStatementsCeiling = 1_000_000_000;
    private const int MinRecursion = 8;
    private const int MaxRecursionCeiling = 10_000;

    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(10), 32L * 1024 * 1024, 5_000_000, 256);

    /// <summary>
    /// The limits a manifest asks for, with the defaults for what it leaves out, capped by the operator's maximums
    /// (<see cref="PluginsOptions.MaxScriptTimeoutMs"/>, <see cref="PluginsOptions.MaxScriptMemoryMb"/>).
    /// </summary>
    public static ScriptLimits From(PluginManifest.LimitsSection manifestLimits, PluginsOptions hostOptions)
    {
        ArgumentNullException.ThrowIfNull(manifestLimits);
        ArgumentNullException.ThrowIfNull(hostOptions);

        var timeoutMs = Math.Min(manifestLimits.TimeoutMs ?? (int)Default.Timeout.TotalMilliseconds, hostOptions.MaxScriptTimeoutMs);
        var memoryMb = Math.Min(manifestLimits.MemoryMb ?? (int)(Default.MemoryBytes / (1024 * 1024)), hostOptions.MaxScriptMemoryMb);
        var statements = Math.Clamp(manifestLimits.MaxStatements ?? Default.MaxStatements, MinStatements, MaxStatementsCeiling);
        var recursion = Math.Clamp(manifestLimits.MaxRecursion ?? Default.MaxRecursion, MinRecursion, MaxRecursionCeiling);
        var responseBytes = manifestLimits.MaxResponseKb is > 0 and var kb ? kb * 1024L : DefaultMaxResponseBytes;

        return new ScriptLimits(
            TimeSpan.FromMilliseconds(Math.Max(timeoutMs, 1)),
            Math.Max(memoryMb, 1) * 1024L * 1024,
            statements,
            recursion,
            responseBytes);
    }
}
