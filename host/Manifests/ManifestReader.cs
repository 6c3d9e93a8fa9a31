using System.Text;
using System.Text.Json;
using Semver;
using VideoBot.Sdk;

namespace VideoBot.Host.Manifests;

/// <summary>
/// Reads and validates a plugin folder's <c>plugin.json</c>: the file must exist and be JSON, pass
/// <c>plugin-manifest.schema.json</c>, and then pass the checks the schema cannot express (<see cref="ManifestSemantics"/>).
/// Every problem is reported with the file, a JSON path and a plain-English reason, so an operator can fix all of them at once.
/// </summary>
internal static class ManifestReader
{
    public const string FileName = "plugin.json";

    /// <summary>A manifest is a few kilobytes; anything this large is not one, and is not worth parsing.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ManifestReadResult Read(string pluginDirectory)
    {
        var file = Path.Combine(pluginDirectory, FileName);
        var shown = DisplayPath(file);
        ManifestReadResult Fail(string path, string reason) => new(null, [new ManifestError(shown, path, reason)]);

        if (!File.Exists(file))
        {
            return Fail("$", Directory.Exists(pluginDirectory)
                ? $"the plugin folder has no {FileName}"
                : "the plugin folder does not exist");
        }

        string text;
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                return Fail("$", $"the file is larger than {MaxFileBytes / 1024} KB; a manifest is a few KB");
            }

            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail("$", $"the file cannot be read: {ex.Message}");
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        using var document = Parse(utf8, out var syntax);
        if (document is null)
        {
            return Fail("$", syntax!);
        }

        // System.Text.Json keeps the last of two equal keys silently; a duplicate in a manifest is always a mistake.
        var outline = JsonOutline.Read(utf8, ReaderOptions);
        if (outline.Duplicate is { } twice)
        {
            return Fail(twice.JsonPath, $"the property is defined twice (line {twice.Line}, position {twice.Position}); keep one");
        }

        var schemaProblems = ManifestSchema.Validate(document.RootElement, outline);
        if (schemaProblems.Count > 0)
        {
            // The version it declares, if it reads as one, so a refusal can name it ("version 2.0.0 was refused", not "?").
            var declared = document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
                ? PluginTextCut(version.GetString()!)
                : null;
            return new ManifestReadResult(null, [.. schemaProblems.Select(p => new ManifestError(shown, p.JsonPath, p.Reason))]) { DeclaredVersion = declared };
        }

        PluginManifest manifest;
        try
        {
            manifest = document.RootElement.Deserialize<PluginManifest>(JsonOptions)
                ?? throw new JsonException("the manifest is null");
        }
        catch (JsonException ex)
        {
            // The schema should have caught this; say where the model and the schema disagree rather than crash the catalog.
            return Fail(ex.Path ?? "$", $"does not fit the manifest model: {ex.Message}");
        }

        string folder;
        try
        {
            folder = PluginPaths.CanonicalFolder(pluginDirectory);
        }
        catch (IOException ex)
        {
            return Fail("$", $"the plugin folder cannot be resolved: {ex.Message}");
        }

        var problems = new List<(string Path, string Reason)>();
        ManifestSemantics.Check(manifest, folder, problems);
        return new ManifestReadResult(manifest, [.. problems.Select(p => new ManifestError(shown, p.Path, p.Reason))]);
    }

    /// <summary>
    /// True when the host's SDK (<see cref="SdkInfo.Version"/>) is inside the manifest's <c>sdk</c> range. The loader marks
    /// plugins that are not as NotSupported, with <paramref name="reason"/> (empty when compatible).
    /// </summary>
    public static bool IsSdkCompatible(PluginManifest m, out string reason)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (!ManifestSemantics.TryParseSdkRange(m.Sdk, out var range))
        {
            reason = $"the sdk range \"{m.Sdk}\" is not an npm-style version range";
            return false;
        }

        var host = SemVersion.Parse(SdkInfo.Version, SemVersionStyles.Strict);
        if (!range.Contains(host))
        {
            reason = $"needs SDK {m.Sdk}, but this host provides SDK {SdkInfo.Version}";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>The path relative to the current directory when the file is inside it, else absolute.</summary>
    internal static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.IsPathRooted(relative)
            ? full
            : relative;
    }

    /// <summary>Parses the text as the model reads it (comments, trailing commas), or says where it is not JSON, for people.</summary>
    private static JsonDocument? Parse(byte[] utf8, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // The message ends with its own "LineNumber: 2 | BytePositionInLine: 4." in zero-based terms; say it for people.
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut].TrimEnd('.');
            }

            error = $"not valid JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {message}";
            return null;
        }
    }

    // A version that fails the schema may be anything: only a short one is worth repeating.
    private static string? PluginTextCut(string version) => version.Length is > 0 and <= 64 ? version : null;
}
