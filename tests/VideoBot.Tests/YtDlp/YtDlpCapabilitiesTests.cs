using VideoBot.Host.Configuration;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Downloading;

namespace VideoBot.Tests.YtDlp;

public sealed class YtDlpCapabilitiesTests
{
    private static readonly DateTimeOffset Today = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026.11.23", "2026-11-23")]
    [InlineData("2025.01.26.034637", "2025-01-26")]
    [InlineData("2023.03.04", "2023-03-04")]
    [InlineData("2024.07.01.1", "2024-07-01")]
    [InlineData("2026.13.01", null)]
    [InlineData("2026.02.30", null)]
    [InlineData("unknown", null)]
    public void The_release_date_comes_from_the_version(string version, string? date)
    {
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), YtDlpCapabilities.ReleaseDate(version));
    }

    [Fact]
    public void Options_are_found_at_the_start_of_a_help_line_not_in_another_description()
    {
        Assert.True(YtDlpCapabilities.HelpHasOption(FakeYtDlp.ModernHelp, "--js-runtimes"));
        Assert.True(YtDlpCapabilities.HelpHasOption(FakeYtDlp.ModernHelp, "--impersonate"));
        Assert.True(YtDlpCapabilities.HelpHasOption(FakeYtDlp.ModernHelp, "--list-impersonate-targets"));
        Assert.True(YtDlpCapabilities.HelpHasOption(FakeYtDlp.ModernHelp, "--update"));
        Assert.False(YtDlpCapabilities.HelpHasOption(FakeYtDlp.OldHelp, "--js-runtimes"));
        Assert.False(YtDlpCapabilities.HelpHasOption(FakeYtDlp.OldHelp, "--impersonate"));
        Assert.False(YtDlpCapabilities.HelpHasOption("    --js-runtimes-extra X   something", "--js-runtimes"));
    }

    [Fact]
    public void Impersonation_targets_without_curl_cffi_are_all_unavailable()
    {
        var targets = YtDlpCapabilities.ParseImpersonateTargets(FakeYtDlp.NoCurlCffiTargets);

        Assert.Equal(["Tor", "Edge", "Firefox", "Safari", "Chrome"], targets.Select(t => t.Client));
        Assert.All(targets, t => Assert.False(t.Available));
        Assert.False(new YtDlpCapabilities { Version = "2026.11.23", SupportsImpersonate = true, ImpersonateTargets = targets }.CanImpersonate);
    }

    [Fact]
    public void Impersonation_targets_with_curl_cffi_match_by_client_version_and_os()
    {
        var targets = YtDlpCapabilities.ParseImpersonateTargets(FakeYtDlp.CurlCffiTargets);
        var can = new YtDlpCapabilities { Version = "2026.11.23", SupportsImpersonate = true, ImpersonateTargets = targets };

        Assert.Equal(new ImpersonateTarget("Chrome-133", "Macos-15", true), targets[0]);
        Assert.False(targets[^1].Available);
        Assert.True(can.CanImpersonate);
        Assert.Equal("chrome", can.ImpersonateFor("chrome"));
        Assert.Equal("chrome-124", can.ImpersonateFor("chrome-124"));
        Assert.Equal("safari:ios", can.ImpersonateFor("safari:ios"));
        Assert.Null(can.ImpersonateFor("chrome-99"));
        Assert.Null(can.ImpersonateFor("tor"));
        Assert.Null(can.ImpersonateFor("edge"));
        Assert.Null(can.ImpersonateFor(null));
        Assert.Null((can with { SupportsImpersonate = false }).ImpersonateFor("chrome"));
    }

    [Theory]
    [InlineData("deno", "deno 2.5.6 (stable, release, x86_64-unknown-linux-gnu)\nv8 14.0.365.5-rusty\ntypescript 5.9.2\n", "2.5.6")]
    [InlineData("deno", "deno 1.46.3 (stable, release, x86_64-unknown-linux-gnu)\n", null)]
    [InlineData("node", "v20.20.2\n", "20.20.2")]
    [InlineData("node", "v18.19.0\n", null)]
    [InlineData("bun", "1.1.38\n", "1.1.38")]
    [InlineData("bun", "1.0.30\n", null)]
    [InlineData("quickjs", "QuickJS version 2024-01-13\nusage: qjs [options] [file [args]]\n", "2024-01-13")]
    [InlineData("quickjs", "QuickJS version 2021-03-27\nusage: qjs [options] [file [args]]\n", null)]
    [InlineData("quickjs", "QuickJS-ng version 0.10.1\nusage: qjs [options] [file [args]]\n", "0.10.1")]
    [InlineData("node", "garbage", null)]
    public void A_js_runtime_counts_only_from_the_version_yt_dlp_needs(string name, string output, string? usable)
    {
        Assert.Equal(usable, JsRuntimes.Usable(name, output));
    }

    [Fact]
    public void The_summary_line_says_version_age_runtime_and_impersonation()
    {
        var can = new YtDlpCapabilities
        {
            Version = "2026.11.23", SupportsJsRuntimes = true, SupportsImpersonate = true,
            JsRuntimeFound = new JsRuntime("deno", "2.5.6", "/usr/local/bin/deno"),
            ImpersonateTargets = YtDlpCapabilities.ParseImpersonateTargets(FakeYtDlp.NoCurlCffiTargets),
        };

        Assert.Equal("2026.11.23 (released 11 days ago; js runtime: deno 2.5.6; impersonation: no)", can.Summary(Today));
        Assert.Equal(["yt-dlp can't impersonate browsers (curl_cffi is missing): sites that check the browser's fingerprint may refuse it."], can.Notes(Today));
    }

    [Fact]
    public void An_old_yt_dlp_gets_no_runtime_and_notes_saying_why()
    {
        var can = new YtDlpCapabilities { Version = "2023.03.04", JsRuntimeFound = new JsRuntime("node", "20.20.2", "/usr/bin/node") };

        Assert.Equal("2023.03.04 (released 1371 days ago; js runtime: none; impersonation: no)", can.Summary(Today));
        var notes = can.Notes(Today, new Dictionary<string, string> { ["tiktok"] = "chrome" });
        Assert.Equal(4, notes.Count);
        Assert.StartsWith("yt-dlp 2023.03.04 is 1371 days old (more than 90)", notes[0]);
        Assert.Contains("too old for --js-runtimes", notes[1]);
        Assert.Contains("node 20.20.2 is on PATH but unused", notes[1]);
        Assert.Contains("too old for --impersonate", notes[2]);
        Assert.Equal("YtDlp:Impersonate:tiktok asks for 'chrome', which this yt-dlp does not offer: tiktok runs without impersonation.", notes[3]);
    }

    [Fact]
    public async Task The_capabilities_are_read_from_the_executable_once_and_again_after_a_refresh()
    {
        var (folder, path) = await FakeYtDlp.CreateAsync("2026.11.23", FakeYtDlp.ModernHelp, FakeYtDlp.CurlCffiTargets);
        using var _ = folder;
        var cache = DownloadTestKit.Capabilities(new YtDlpOptions { Path = path });

        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetAsync(CancellationToken.None)));
        await FakeYtDlp.WriteAsync(folder.Path, "2026.12.01", FakeYtDlp.OldHelp);
        var cached = await cache.GetAsync(CancellationToken.None);
        cache.Refresh();
        var refreshed = await cache.GetAsync(CancellationToken.None);

        Assert.All(first, c => Assert.Same(first[0], c));
        Assert.Same(first[0], cached);
        Assert.Equal("2026.11.23", first[0].Version);
        Assert.Equal(path, first[0].Executable);
        Assert.True(first[0].SupportsJsRuntimes);
        Assert.True(first[0].CanImpersonate);
        Assert.Equal("2026.12.01", refreshed.Version);
        Assert.False(refreshed.SupportsJsRuntimes);
        Assert.False(refreshed.SupportsImpersonate);
        Assert.Null(refreshed.JsRuntime);
    }

    [Fact]
    public async Task A_missing_or_broken_yt_dlp_is_a_problem_not_an_exception()
    {
        using var folder = new TempFolder();
        var broken = await StandIn.WriteAsync(folder.Path, "echo 'Traceback (most recent call last):' >&2\nexit 1\n");

        var missing = await DownloadTestKit.Capabilities(new YtDlpOptions { Path = "/nonexistent/bin/yt-dlp" }).GetAsync(CancellationToken.None);
        var failing = await DownloadTestKit.Capabilities(new YtDlpOptions { Path = broken }).GetAsync(CancellationToken.None);

        Assert.False(missing.Found);
        Assert.Equal("not available (not found: install it with scripts/setup.sh or set YtDlp:Path)", missing.Summary(Today));
        Assert.DoesNotContain("/nonexistent", missing.Summary(Today));
        Assert.False(failing.Found);
        Assert.Equal("'yt-dlp --version' failed (exit 1)", failing.Problem);
        Assert.StartsWith("yt-dlp is missing", Assert.Single(failing.Notes(Today)));
    }

    [Fact]
    public async Task The_installed_yt_dlp_reports_what_its_version_supports()
    {
        var can = await DownloadTestKit.Capabilities(new YtDlpOptions()).GetAsync(CancellationToken.None);

        Assert.True(can.Found, can.Problem);
        Assert.NotNull(can.Released);
        Assert.Equal(can.Released >= new DateOnly(2025, 11, 12), can.SupportsJsRuntimes);
        Assert.Equal(can.Released >= new DateOnly(2024, 3, 10), can.SupportsImpersonate);
        Assert.Equal(can.SupportsImpersonate, can.ImpersonateTargets.Count > 0);
    }

    [Fact]
    public async Task Yt_dlp_receives_the_js_runtime_and_the_impersonation_it_supports_and_nothing_else()
    {
        var (folder, path) = await FakeYtDlp.CreateAsync("2026.11.23", FakeYtDlp.ModernHelp, FakeYtDlp.CurlCffiTargets);
        using var _ = folder;
        var options = new YtDlpOptions { Path = path, Impersonate = { ["tiktok"] = "chrome", ["vimeo"] = "edge" } };
        var engine = DownloadTestKit.Engine(options);
        var request = new YtDlpRequest(new Uri("https://www.tiktok.com/@a/video/1"));

        await Assert.ThrowsAsync<ExtractionException>(() => engine.ExtractAsync(request, "tiktok", CancellationToken.None));
        var tiktok = (await File.ReadAllLinesAsync(FakeYtDlp.ArgvFile(folder.Path))).ToList();
        await Assert.ThrowsAsync<ExtractionException>(() => engine.ExtractAsync(request, "vimeo", CancellationToken.None));
        var vimeo = (await File.ReadAllLinesAsync(FakeYtDlp.ArgvFile(folder.Path))).ToList();

        var runtime = await JsRuntimes.DetectAsync(CancellationToken.None);
        Assert.Equal("chrome", tiktok[tiktok.IndexOf("--impersonate") + 1]);
        Assert.DoesNotContain("--impersonate", vimeo); // edge is not available here: asked for, but not passed
        Assert.Equal(runtime?.Argument, tiktok.IndexOf("--js-runtimes") is var i and >= 0 ? tiktok[i + 1] : null);
        // The EJS scripts may be fetched only where a runtime can run them.
        Assert.Equal(runtime is null ? null : "ejs:npm", tiktok.IndexOf("--remote-components") is var r and >= 0 ? tiktok[r + 1] : null);
        Assert.Equal(["--", "https://www.tiktok.com/@a/video/1"], tiktok[^2..]);
    }

    [Fact]
    public async Task An_operator_who_empties_the_remote_components_lets_yt_dlp_fetch_nothing()
    {
        var (folder, path) = await FakeYtDlp.CreateAsync("2026.11.23", FakeYtDlp.ModernHelp, FakeYtDlp.CurlCffiTargets);
        using var _ = folder;
        var engine = DownloadTestKit.Engine(new YtDlpOptions { Path = path, RemoteComponents = [] });

        await Assert.ThrowsAsync<ExtractionException>(() =>
            engine.ExtractAsync(new YtDlpRequest(new Uri("https://www.tiktok.com/@a/video/1")), "tiktok", CancellationToken.None));

        Assert.DoesNotContain("--remote-components", await File.ReadAllLinesAsync(FakeYtDlp.ArgvFile(folder.Path)));
    }

    [Fact]
    public async Task An_old_yt_dlp_receives_neither_flag()
    {
        var (folder, path) = await FakeYtDlp.CreateAsync("2023.03.04", FakeYtDlp.OldHelp);
        using var _ = folder;
        var engine = DownloadTestKit.Engine(new YtDlpOptions { Path = path, Impersonate = { ["tiktok"] = "chrome" } });

        await Assert.ThrowsAsync<ExtractionException>(() =>
            engine.ExtractAsync(new YtDlpRequest(new Uri("https://www.tiktok.com/@a/video/1")), "tiktok", CancellationToken.None));
        var argv = await File.ReadAllLinesAsync(FakeYtDlp.ArgvFile(folder.Path));

        Assert.DoesNotContain("--impersonate", argv);
        Assert.DoesNotContain("--js-runtimes", argv);
        Assert.DoesNotContain("--remote-components", argv);
        Assert.DoesNotContain("--list-impersonate-targets", argv);
        Assert.Equal("--ignore-config", argv[0]);
    }
}
