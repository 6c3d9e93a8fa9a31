namespace VideoBot.Host.Manifests;

/// <summary>The outcome of reading a plugin folder's <c>plugin.json</c>.</summary>
/// <param name="Manifest">
/// The manifest once it passed the schema; <see langword="null"/> when the file is missing, is not JSON or fails the schema.
/// It can be present while <paramref name="Errors"/> lists semantic problems (a path escaping the folder, a bad regex), so
/// that the catalog can still show the plugin's id: use it only when <see cref="IsValid"/>.
/// </param>
/// <param name="Errors">Every problem found, in document order.</param>
internal sealed record ManifestReadResult(PluginManifest? Manifest, IReadOnlyList<ManifestError> Errors)
{
    public bool IsValid => Manifest is not null && Errors.Count == 0;

    /// <summary>The <c>version</c> the file declares when it failed the schema (and the version is a short string), else null.</summary>
    public string? DeclaredVersion { get; init; }
}
