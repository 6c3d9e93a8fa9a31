using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Network;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.PluginTesting;

/// <summary>What <see cref="TestRecorder.RecordAsync"/> made of a link.</summary>
/// <param name="PluginId">The plugin the link routed to.</param>
/// <param name="Test">The manifest test, as indented JSON.</param>
/// <param name="TestFile">Where the test was written (<c>DIR/fixtures/NAME.test.json</c>).</param>
/// <param name="Directory">The plugin folder the test belongs to; the answers are in its <c>fixtures/</c>.</param>
/// <param name="Answers">How many answers were recorded.</param>
/// <param name="Error">The extraction's failure, which the test then expects; null when it succeeded.</param>
internal sealed record RecordedTest(string PluginId, string Test, string TestFile, string Directory, int Answers, ExtractionException? Error);

/// <summary>
/// Records a manifest test for a link (<c>videobot record</c>): runs the plugin that takes the link against the real site through
/// a <see cref="FixtureRecorder"/>, saves every answer it fetched into <c>DIR/fixtures/</c>, and writes a test (<c>fixtures</c>
/// and an <c>expect</c> taken from what the plugin made of them) to <c>DIR/fixtures/NAME.test.json</c>. DIR defaults to the
/// plugin's own folder, which the fixture paths are relative to. Existing files are never overwritten.
/// </summary>
internal sealed partial class TestRecorder(IRouter router, IHttpGateway gateway, PluginInvoker invoker, IOptions<NetworkOptions> network)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // URLs keep their & and +, as people wrote them
    };

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = ".json", ["text/html"] = ".html", ["application/xhtml+xml"] = ".html",
        ["application/xml"] = ".xml", ["text/xml"] = ".xml", ["text/plain"] = ".txt", ["text/javascript"] = ".js",
        ["application/javascript"] = ".js", ["application/vnd.apple.mpegurl"] = ".m3u8", ["application/x-mpegurl"] = ".m3u8",
        ["application/dash+xml"] = ".mpd", ["video/mp4"] = ".mp4", ["audio/mp4"] = ".m4a", ["audio/mpeg"] = ".mp3",
        ["video/webm"] = ".webm", ["video/mp2t"] = ".ts", ["image/jpeg"] = ".jpg", ["image/png"] = ".png",
        ["image/gif"] = ".gif", ["image/webp"] = ".webp", ["text/vtt"] = ".vtt",
    };

    /// <summary>Records <paramref name="link"/>; a failed extraction is recorded too, as the error the test expects.</summary>
    /// <param name="link">The link to record.</param>
    /// <param name="directory">The plugin folder to save into; null for the plugin's own.</param>
    /// <param name="name">The test's name; null for the link.</param>
    /// <exception cref="ExtractionException">No plugin takes the link (<see cref="ExtractionErrorKind.UnsupportedUrl"/>).</exception>
    public async Task<RecordedTest> RecordAsync(string link, string? directory, string? name, CancellationToken cancellationToken)
    {
        var route = router.Route(link);
        if (!route.IsRouted)
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, route.Error ?? $"no plugin claims {route.Url?.Host}");
        }

        var candidate = route.Candidates[0];
        using var recorder = new FixtureRecorder(gateway.Host, network.Value.MaxPluginResponseMb * 1024L * 1024);
        ExtractionResult? result = null;
        ExtractionException? error = null;
        try
        {
            result = await invoker.InvokeAsync(candidate.Plugin, candidate, link, recorder, cancellationToken).ConfigureAwait(false);
        }
        catch (ExtractionException ex)
        {
            error = ex;
        }

        var folder = Path.GetFullPath(directory ?? candidate.Plugin.Directory);
        var test = new JsonObject
        {
            ["name"] = name ?? link,
            ["url"] = link,
            ["recorded"] = true,
            ["fixtures"] = WriteFixtures(folder, recorder.Responses),
            ["expect"] = Expect(result, error),
        };
        var text = test.ToJsonString(Json);
        var testFile = FreePath(Path.Combine(folder, "fixtures"), Slug(route.Url!) + ".test", ".json", []);
        await File.WriteAllTextAsync(testFile, text + "\n", cancellationToken).ConfigureAwait(false);
        return new RecordedTest(candidate.Plugin.Id, text, testFile, folder, recorder.Responses.Count, error);
    }

    /// <summary>Saves each answer's body as a file and returns the test's <c>fixtures</c> map, paths relative to the plugin folder.</summary>
    private static JsonObject WriteFixtures(string directory, IReadOnlyList<RecordedResponse> responses)
    {
        var folder = Path.Combine(directory, "fixtures");
        Directory.CreateDirectory(folder);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var fixtures = new JsonObject();
        foreach (var response in responses)
        {
            var mediaType = response.ContentType?.Split(';')[0].Trim() ?? "";
            var known = Extensions.TryGetValue(mediaType, out var extension);
            string? relative = null;
            if (response.Body.Length > 0)
            {
                var file = FreePath(folder, Slug(response.Url), known ? extension! : ".bin", used);
                File.WriteAllBytes(file, response.Body);
                relative = "fixtures/" + Path.GetFileName(file);
            }

            // The short form (a path) when the file's extension tells the content type and nothing else needs saying.
            if (relative is not null && known && response.Status == 200 && response.Headers.Count == 0)
            {
                fixtures[response.Url.AbsoluteUri] = relative;
                continue;
            }

            var entry = new JsonObject();
            if (relative is not null)
            {
                entry["file"] = relative;
            }

            entry["status"] = response.Status;
            if (!known && response.ContentType is not null)
            {
                entry["contentType"] = response.ContentType;
            }

            if (response.Headers.Count > 0)
            {
                entry["headers"] = new JsonObject(response.Headers.Select(h => new KeyValuePair<string, JsonNode?>(h.Key, h.Value)));
            }

            fixtures[response.Url.AbsoluteUri] = entry;
        }

        return fixtures;
    }

    /// <summary>What the plugin made of the recording, in the manifest's <c>expect</c> fields.</summary>
    private static JsonObject Expect(ExtractionResult? result, ExtractionException? error)
    {
        if (error is not null)
        {
            return new JsonObject { ["error"] = error.Kind.ToString() };
        }

        if (result!.YtDlp is { } handOver)
        {
            return new JsonObject { ["delegate"] = handOver.Url.AbsoluteUri };
        }

        var post = result.Post!;
        var first = post.Items[0];
        var best = first.Formats.OrderByDescending(f => f.Height ?? 0).ThenByDescending(f => f.Width ?? 0).First();
        var expect = new JsonObject { ["id"] = post.Id };
        Add(expect, "title", post.Title);
        Add(expect, "uploader", post.Uploader);
        if ((post.Duration ?? first.Duration) is { } duration)
        {
            expect["duration"] = Math.Round(duration.TotalSeconds, 1);
        }

        Add(expect, "canonicalUrl", post.CanonicalUrl?.AbsoluteUri);
        expect["itemCount"] = post.Items.Count;
        expect["kind"] = first.Kind.ToString().ToLowerInvariant();
        if (best.Width is { } width)
        {
            expect["width"] = width;
        }

        if (best.Height is { } height)
        {
            expect["height"] = height;
        }

        return expect;
    }

    private static void Add(JsonObject expect, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            expect[field] = value;
        }
    }

    /// <summary>A file name from a URL's host and path: <c>example-com-videos-abc123</c>.</summary>
    private static string Slug(Uri url)
    {
        var slug = NotNameCharacters().Replace((url.Host + url.AbsolutePath).ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        return slug.Length == 0 ? "answer" : slug;
    }

    /// <summary>A path in <paramref name="folder"/> that no file and no earlier answer of this run has: -2, -3... are added as needed.</summary>
    private static string FreePath(string folder, string stem, string extension, HashSet<string> used)
    {
        Directory.CreateDirectory(folder);
        for (var n = 1; ; n++)
        {
            var name = stem + (n == 1 ? "" : "-" + n.ToString(CultureInfo.InvariantCulture)) + extension;
            var path = Path.Combine(folder, name);
            if (!File.Exists(path) && used.Add(name))
            {
                return path;
            }
        }
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotNameCharacters();
}
