using System.Text.Json;
using Semver;

namespace VideoBot.Host.Manifests;

/// <summary>
/// The checks the schema cannot express: patterns that compile and are truly anchored, paths that stay inside the plugin
/// folder, an entry that exists, host names within DNS limits, an SDK range that parses, and the combinations of fields.
/// Run on a manifest that already passed the schema.
/// </summary>
internal static class ManifestSemantics
{
    /// <summary>The longest range string SemVersionRange.ParseNpm is asked to read; the schema caps sdk at 100.</summary>
    private const int MaxRangeLength = 100;

    /// <summary>Adds a (JSON path, reason) pair for every problem.</summary>
    public static void Check(PluginManifest manifest, string canonicalFolder, List<(string Path, string Reason)> problems)
    {
        CheckPatterns("urlPatterns", manifest.UrlPatterns, problems);
        CheckPatterns("resolveRedirects", manifest.ResolveRedirects, problems);
        CheckEntry(manifest, canonicalFolder, problems);
        CheckHosts(manifest, problems);

        if (!TryParseSdkRange(manifest.Sdk, out _))
        {
            problems.Add(("$.sdk", $"\"{manifest.Sdk}\" is not an npm-style version range such as ^1.0 or >=1.0 <3"));
        }

        for (var i = 0; i < manifest.Probes.Count; i++)
        {
            CheckProbe(manifest, manifest.Probes[i], $"$.probes[{i}]", problems);
        }

        for (var i = 0; i < manifest.Tests.Count; i++)
        {
            CheckTest(manifest.Tests[i], $"$.tests[{i}]", canonicalFolder, problems);
        }
    }

    public static bool TryParseSdkRange(string range, out SemVersionRange parsed) =>
        SemVersionRange.TryParseNpm(range, out parsed!, MaxRangeLength);

    private static void CheckPatterns(string property, IReadOnlyList<string> patterns, List<(string, string)> problems)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (!UrlPatterns.IsValid(patterns[i], out var reason))
            {
                problems.Add(($"$.{property}[{i}]", reason));
            }
        }
    }

    private static void CheckEntry(PluginManifest manifest, string canonicalFolder, List<(string, string)> problems)
    {
        if (manifest.Type is not null && manifest.Kind != PluginKind.Assembly)
        {
            problems.Add(("$.type", "\"type\" is only for assembly plugins; a script plugin's entry is its one script"));
        }

        if (!PluginPaths.TryResolveInside(canonicalFolder, manifest.Entry, out var entry, out var reason))
        {
            problems.Add(("$.entry", reason));
        }
        else if (Directory.Exists(entry))
        {
            problems.Add(("$.entry", $"\"{manifest.Entry}\" is a folder; the entry must be a file"));
        }
        else if (!File.Exists(entry))
        {
            problems.Add(("$.entry", $"the file \"{manifest.Entry}\" does not exist in the plugin folder"));
        }
    }

    private static void CheckHosts(PluginManifest manifest, List<(string, string)> problems)
    {
        for (var i = 0; i < manifest.Domains.Count; i++)
        {
            var domain = manifest.Domains[i];
            if (domain == "*")
            {
                if (manifest.Domains.Count > 1)
                {
                    problems.Add(($"$.domains[{i}]", "\"*\" means any host and must be the only domain"));
                }
            }
            else if (!HostNames.IsValid(domain, out var reason))
            {
                problems.Add(($"$.domains[{i}]", reason));
            }
        }

        for (var i = 0; i < manifest.ShortLinks.Count; i++)
        {
            if (!HostNames.IsValid(manifest.ShortLinks[i], out var reason))
            {
                problems.Add(($"$.shortLinks[{i}]", reason));
            }
        }

        foreach (var (alias, canonical) in manifest.Normalize.HostAliases)
        {
            if (!HostNames.IsValid(alias, out var reason))
            {
                problems.Add(($"$.normalize.hostAliases['{alias}']", $"the alias \"{alias}\" is not valid: {reason}"));
            }
            else if (!HostNames.IsValid(canonical, out reason))
            {
                problems.Add(($"$.normalize.hostAliases['{alias}']", reason));
            }
            else if (alias == canonical)
            {
                problems.Add(($"$.normalize.hostAliases['{alias}']", "maps a host to itself"));
            }
        }

        for (var i = 0; i < manifest.Permissions.Network.Count; i++)
        {
            if (manifest.Permissions.Network[i] == "*")
            {
                // Any host is for the generic fallback alone: a platform plugin names the hosts it reaches.
                if (!manifest.Domains.Contains("*"))
                {
                    problems.Add(($"$.permissions.network[{i}]", "\"*\" (any host) is allowed only for a generic plugin whose domains are [\"*\"]"));
                }
            }
            else if (!HostNames.IsValidPattern(manifest.Permissions.Network[i], out var reason))
            {
                problems.Add(($"$.permissions.network[{i}]", reason));
            }
        }
    }

    private static void CheckTest(ManifestTest test, string path, string canonicalFolder, List<(string, string)> problems)
    {
        if (!IsHttpUrl(test.Url))
        {
            problems.Add(($"{path}.url", $"\"{test.Url}\" is not an absolute http or https URL"));
        }

        foreach (var (requestUrl, fixture) in test.Fixtures)
        {
            var fixturePath = $"{path}.fixtures['{requestUrl}']";
            if (!IsHttpUrl(requestUrl))
            {
                problems.Add((fixturePath, $"the request URL \"{requestUrl}\" is not an absolute http or https URL"));
            }

            var file = fixture.ValueKind switch
            {
                JsonValueKind.String => fixture.GetString(),
                JsonValueKind.Object when fixture.TryGetProperty("file", out var f) => f.GetString(),
                _ => null,
            };

            if (fixture.ValueKind == JsonValueKind.Object
                && new[] { "file", "body", "json" }.Count(p => fixture.TryGetProperty(p, out _)) > 1)
            {
                problems.Add((fixturePath, "use only one of \"file\", \"body\" and \"json\" for the response body"));
            }

            // Fixture files need not exist to load the plugin (they are test data); the test runner reports missing ones.
            if (file is not null && !PluginPaths.TryResolveInside(canonicalFolder, file, out _, out var reason))
            {
                problems.Add((fixture.ValueKind == JsonValueKind.Object ? fixturePath + ".file" : fixturePath, reason));
            }
        }
    }

    /// <summary>
    /// A probe runs against the real site with the plugin's name on it: a URL elsewhere would measure another site, or send
    /// the host's requests where the plugin's author chose.
    /// </summary>
    private static void CheckProbe(PluginManifest manifest, ManifestProbe probe, string path, List<(string, string)> problems)
    {
        if (!Uri.TryCreate(probe.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(($"{path}.url", $"\"{probe.Url}\" is not an absolute http or https URL"));
            return;
        }

        if (manifest.Domains.Contains("*"))
        {
            return;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (!DomainMatch.CoversAny(manifest.Domains, host) && !manifest.ShortLinks.Contains(host))
        {
            problems.Add(($"{path}.url",
                $"the probe's host \"{host}\" is not on the plugin's domains ({string.Join(", ", manifest.Domains)}); a probe must try the plugin's own site"));
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
