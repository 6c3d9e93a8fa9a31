using System.Net;
using System.Text;
using System.Text.Json;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.PluginTesting;

/// <summary>
/// Serves a manifest test's recorded responses instead of the network (<c>videobot validate</c>, plugin fixture tests). A fixture
/// maps an absolute URL to a file in the plugin folder (<c>"fixtures/post.json"</c>, content type from the extension) or to
/// <c>{ file?, body?, json?, status?, headers?, contentType? }</c>. URLs match exactly (scheme, host, port, path, query) except that
/// the order of query parameters does not matter. Given to <c>IHttpGateway.ForPlugin</c> as the transport, it sits under the
/// scheme and permission rules; it never opens a socket, so the address rule has nothing to judge.
/// </summary>
internal sealed class FixtureReplayHandler : HttpMessageHandler
{
    private readonly Dictionary<string, FixtureResponse> _fixtures;
    private readonly HashSet<string> _used = [];
    private readonly string _fixturesPath;

    /// <param name="pluginDirectory">The plugin folder; every fixture file must be inside it.</param>
    /// <param name="fixtures">The test's <c>fixtures</c>.</param>
    /// <param name="fixturesPath">Where the fixtures are in the manifest, for messages (<c>tests[2].fixtures</c>).</param>
    /// <exception cref="FixtureException">Some fixture is unusable; every problem is listed.</exception>
    public FixtureReplayHandler(string pluginDirectory, IReadOnlyDictionary<string, JsonElement> fixtures, string fixturesPath)
    {
        _fixturesPath = fixturesPath;
        var problems = new List<string>();
        _fixtures = FixtureParser.Parse(pluginDirectory, fixtures, fixturesPath, problems);
        if (problems.Count > 0)
        {
            throw new FixtureException(problems);
        }
    }

    /// <summary>The replay for test number <paramref name="testIndex"/> of a manifest.</summary>
    public static FixtureReplayHandler ForTest(string pluginDirectory, ManifestTest test, int testIndex) =>
        new(pluginDirectory, test.Fixtures, $"tests[{testIndex}].fixtures");

    /// <summary>Every problem with a test's fixtures, for <c>videobot validate</c>; empty when the replay can be built.</summary>
    public static IReadOnlyList<string> Check(string pluginDirectory, IReadOnlyDictionary<string, JsonElement> fixtures, string fixturesPath)
    {
        var problems = new List<string>();
        FixtureParser.Parse(pluginDirectory, fixtures, fixturesPath, problems);
        return problems;
    }

    /// <summary>Fixture URLs no request asked for so far: a recording that has gone stale, or a test that stopped short.</summary>
    public IReadOnlyList<string> Unused
    {
        get
        {
            lock (_used)
            {
                return [.. _fixtures.Where(f => !_used.Contains(f.Key)).Select(f => f.Value.Url)];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        var key = uri is { IsAbsoluteUri: true } ? FixtureParser.Key(uri) : null;
        if (key is null || !_fixtures.TryGetValue(key, out var fixture))
        {
            // Already what the plugin sees (the boundary passes an ExtractionException on as it is): a failed request,
            // worded for the test's author rather than as "GET ... failed: ...".
            throw new ExtractionException(ExtractionErrorKind.Network, $"no fixture for {request.Method} {UrlText.Of(uri)}; add it to {_fixturesPath}");
        }

        lock (_used)
        {
            _used.Add(key);
        }

        byte[] body;
        try
        {
            body = fixture.FilePath is { } path ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : fixture.Body;
        }
        catch (IOException e)
        {
            throw new HttpRequestException($"the fixture file for {fixture.Url} could not be read: {e.Message}", e);
        }

        var response = new HttpResponseMessage((HttpStatusCode)fixture.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : body),
        };
        if (fixture.ContentType is { } contentType)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, values) in fixture.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, values))
            {
                response.Content.Headers.Remove(name);
                response.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return response;
    }
}

/// <summary>One recorded answer: the body is inline or in <see cref="FilePath"/> (read per request, so edits show up).</summary>
internal sealed record FixtureResponse(
    string Url,
    int Status,
    string? FilePath,
    byte[] Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers)
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
