using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;

namespace VideoBot.Tests.Plugins.HotSwap;

/// <summary>The swapper on its own (no watcher): each sync is one deliberate step, so every state between is observable.</summary>
public sealed class Swapping_a_plugin : IAsyncLifetime
{
    private readonly TempPlugins _plugins = new();
    private SwapHost _host = null!;

    public async Task InitializeAsync()
    {
        ClipPlugin.Write(_plugins.Directory, "1.0.0");
        _host = await SwapHost.StartAsync(_plugins.Directory, watch: false);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _plugins.Dispose();
    }

    private Task<IReadOnlyList<SwapResult>> SyncAsync(params string[] folders) =>
        _host.Swapper.SyncAsync(folders, force: false, CancellationToken.None);

    private async Task<string?> TitleAsync(string id = "abc") =>
        (await _host.Extraction.ExtractAsync(ClipPlugin.Url(id), CancellationToken.None)).Post.Title;

    [Fact]
    public async Task A_changed_folder_is_validated_and_swapped_in_and_the_old_version_is_superseded()
    {
        var old = _host.Catalog.Find("clips")!;
        Assert.Equal("clips 1.0.0", await TitleAsync());

        ClipPlugin.Write(_plugins.Directory, "2.0.0");
        var result = Assert.Single(await SyncAsync("clips"));

        Assert.Equal(SwapOutcome.Swapped, result.Outcome);
        Assert.Equal("clips 2.0.0", await TitleAsync());
        Assert.Equal("2.0.0", _host.Catalog.Find("clips")!.Manifest!.Version);
        Assert.Equal(PluginStatus.Superseded, old.Status);
        Assert.True(old.IsReleased);
        var notice = Assert.Single(_host.DrainNotices());
        Assert.Equal(new PluginNotice(PluginNoticeKind.Swapped, "clips", "2.0.0", "1.0.0"), notice);
        Assert.Contains(_host.Logs.Lines, l => l.Message == "Plugin clips swapped from 1.0.0 to 2.0.0; 0 running jobs finish on the old version");
    }

    [Fact]
    public async Task A_job_running_on_the_old_version_keeps_it_until_the_job_ends()
    {
        var old = _host.Catalog.Find("clips")!;
        var lease = old.TryLease()!;

        ClipPlugin.Write(_plugins.Directory, "2.0.0");
        await SyncAsync("clips");

        // New work goes to 2.0.0 at once; the job that started on 1.0.0 still has its extractor.
        Assert.Equal("clips 2.0.0", await TitleAsync());
        Assert.True(old.IsRetired);
        Assert.False(old.IsReleased);
        Assert.Null(old.TryLease());
        Assert.Equal(1, old.ActiveLeases);

        lease.Dispose();
        Assert.True(old.IsReleased);
        Assert.Equal(0, old.ActiveLeases);
    }

    [Fact]
    public async Task A_new_version_whose_script_does_not_parse_leaves_the_old_one_serving_and_says_why()
    {
        ClipPlugin.Write(_plugins.Directory, "2.0.0", script: "async function extract(request) { return {; }");
        var result = Assert.Single(await SyncAsync("clips"));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        Assert.Equal("clips 1.0.0", await TitleAsync());
        var serving = _host.Catalog.Find("clips")!;
        Assert.Equal(PluginStatus.Active, serving.Status);
        Assert.Equal("1.0.0", serving.Manifest!.Version);
        Assert.StartsWith("version 2.0.0 was refused: Malfunctioned: ExtractionException: script 'clips' could not be parsed", serving.SwapRefusal, StringComparison.Ordinal);
        var notice = Assert.Single(_host.DrainNotices());
        Assert.Equal((PluginNoticeKind.Refused, "2.0.0", "1.0.0"), (notice.Kind, notice.Version, notice.PreviousVersion));
        Assert.Contains(_host.Logs.Lines, l => l.Message.StartsWith("Plugin clips 2.0.0 was refused, 1.0.0 goes on serving: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_version_failing_its_own_manifest_test_leaves_the_old_one_serving()
    {
        // The script works, but not as its manifest promises: the validation runs the fixture tests, not just the load.
        ClipPlugin.Write(_plugins.Directory, "2.0.0", expectedTitle: "something else");
        var result = Assert.Single(await SyncAsync("clips"));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        Assert.Equal("1 of 1 manifest tests failed; 'a clip names its version': title: expected \"something else\", got \"clips 2.0.0\"", result.Reason);
        Assert.Equal("clips 1.0.0", await TitleAsync());
    }

    [Fact]
    public async Task A_refused_version_is_not_validated_again_until_its_files_change()
    {
        ClipPlugin.Write(_plugins.Directory, "2.0.0", expectedTitle: "something else");
        await SyncAsync("clips");

        Assert.Equal(SwapOutcome.Unchanged, Assert.Single(await SyncAsync("clips")).Outcome);

        ClipPlugin.Write(_plugins.Directory, "2.0.1");
        Assert.Equal(SwapOutcome.Swapped, Assert.Single(await SyncAsync("clips")).Outcome);
        Assert.Null(_host.Catalog.Find("clips")!.SwapRefusal);
        Assert.Equal("clips 2.0.1", await TitleAsync());
    }

    [Fact]
    public async Task A_pinned_plugin_keeps_serving_its_version_and_another_version_is_refused_until_the_pin_moves()
    {
        _host.Set("Plugins:Pinned:clips", "1.0.0");
        ClipPlugin.Write(_plugins.Directory, "2.0.0");
        var result = Assert.Single(await SyncAsync("clips"));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        Assert.Equal("Malfunctioned: Plugins:Pinned holds clips at version 1.0.0, and the folder has 2.0.0", result.Reason);
        Assert.Equal("clips 1.0.0", await TitleAsync());

        // Moving the pin, then /reload (a forced sync), lets the new version in.
        _host.Set("Plugins:Pinned:clips", "2.0.0");
        Assert.Equal(SwapOutcome.Swapped, Assert.Single(await _host.Swapper.SyncAsync(["clips"], force: true, CancellationToken.None)).Outcome);
        Assert.Equal("clips 2.0.0", await TitleAsync());
    }

    [Fact]
    public async Task A_new_folder_is_activated_and_a_removed_folder_deactivates_its_plugin()
    {
        _plugins.AddScript("other", "other.example");
        Assert.Equal(SwapOutcome.Activated, Assert.Single(await SyncAsync("other")).Outcome);
        Assert.Equal(PluginStatus.Active, _host.Catalog.Find("other")!.Status);

        var clips = _host.Catalog.Find("clips")!;
        Directory.Delete(Path.Combine(_plugins.Directory, "clips"), recursive: true);
        Assert.Equal(SwapOutcome.Removed, Assert.Single(await SyncAsync("clips")).Outcome);

        Assert.Null(_host.Catalog.Find("clips"));
        Assert.True(clips.IsReleased);
        var error = await Assert.ThrowsAsync<VideoBot.Sdk.Extraction.ExtractionException>(() => TitleAsync());
        Assert.Equal("no plugin claims clips.example", error.Message);
        Assert.Equal([PluginNoticeKind.Activated, PluginNoticeKind.Removed], _host.DrainNotices().Select(n => n.Kind));
    }

    [Fact]
    public async Task A_broken_new_folder_is_listed_as_malfunctioned_with_the_reason()
    {
        ClipPlugin.Write(_plugins.Directory, "1.0.0", id: "fresh", folder: "fresh", expectedTitle: "never");
        var result = Assert.Single(await SyncAsync("fresh"));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        var fresh = _host.Catalog.Find("fresh")!;
        Assert.Equal(PluginStatus.Malfunctioned, fresh.Status);
        Assert.StartsWith("1 of 1 manifest tests failed", fresh.Reason, StringComparison.Ordinal);
        Assert.True(fresh.IsReleased);
    }

    [Fact]
    public async Task A_second_folder_with_an_id_already_served_is_refused_because_its_name_is_not_the_id()
    {
        ClipPlugin.Write(_plugins.Directory, "9.0.0", folder: "0-clips");
        var result = Assert.Single(await SyncAsync("0-clips"));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        Assert.Equal("Malfunctioned: the folder's name '0-clips' must equal the manifest's id 'clips'", result.Reason);
        Assert.Equal("clips 1.0.0", await TitleAsync());
    }

    [Fact]
    public async Task Disabling_in_the_config_applies_live_and_enabling_loads_the_plugin_again()
    {
        _host.Set("Plugins:Disabled:0", "clips");
        await _host.Swapper.SyncAsync(null, force: false, CancellationToken.None);

        Assert.Equal(PluginStatus.Disabled, _host.Catalog.Find("clips")!.Status);
        Assert.Equal("disabled by Plugins:Disabled", _host.Catalog.Find("clips")!.Reason);
        await Assert.ThrowsAsync<VideoBot.Sdk.Extraction.ExtractionException>(() => TitleAsync());

        // An admin's /enable wins over the config until a restart.
        _host.Overrides.Enable("clips");
        await _host.Swapper.SyncAsync(null, force: false, CancellationToken.None);
        Assert.Equal(PluginStatus.Active, _host.Catalog.Find("clips")!.Status);
        Assert.Equal("clips 1.0.0", await TitleAsync());

        _host.Overrides.Disable("clips");
        await _host.Swapper.SyncAsync(null, force: false, CancellationToken.None);
        Assert.Equal("disabled by an admin (/disable)", _host.Catalog.Find("clips")!.Reason);
    }

    [Fact]
    public async Task A_priority_override_in_the_config_reorders_candidates_without_a_reload()
    {
        ClipPlugin.Write(_plugins.Directory, "1.0.0", id: "clips-b", folder: "clips-b", script: ClipPlugin.Script("b"), expectedTitle: "clips b");
        await SyncAsync("clips-b");
        var before = _host.Catalog.Find("clips")!;
        Assert.Equal("clips 1.0.0", await TitleAsync());

        _host.Catalog.ApplyPriorities();
        _host.Set("Plugins:Priority:clips-b", "10");
        _host.Catalog.ApplyPriorities();

        Assert.Equal(10, _host.Catalog.Find("clips-b")!.EffectivePriority);
        Assert.Equal("clips b", await TitleAsync());
        Assert.Same(before, _host.Catalog.Find("clips"));
    }

    [Fact]
    public async Task A_forced_sync_reloads_an_unchanged_folder_as_a_new_version()
    {
        var before = _host.Catalog.Find("clips")!;

        var results = await _host.Swapper.SyncAsync(null, force: true, CancellationToken.None);

        Assert.Equal(SwapOutcome.Swapped, Assert.Single(results).Outcome);
        Assert.NotSame(before, _host.Catalog.Find("clips"));
        Assert.True(before.IsReleased);
    }
}
