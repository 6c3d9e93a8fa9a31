using VideoBot.FakeTelegram.State;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>/disable, /enable, /reload and /plugins through the whole bot, and what the admins are told about swaps.</summary>
public sealed class Admins_control_plugins : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private FakeUser _admin = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync(startBot: false);
        _admin = _bot.Telegram.AddUser("Oana");
        _bot.Set("Telegram:AdminIds:0", _admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _bot.StartBotAsync();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private string GenericFolder => Path.Combine(_bot.StorageDirectory + "-plugins", "generic");

    private async Task<string> AskAsync(FakeUser user, string text)
    {
        var sent = _bot.Say(user, text);
        var reply = await _bot.ReplyAsync(user, m => m.ReplyToMessageId == sent.MessageId);
        return reply.Text!;
    }

    [Fact]
    public async Task Only_admins_may_disable_enable_or_reload()
    {
        var user = _bot.Telegram.AddUser("Ana");

        foreach (var command in new[] { "/disable generic", "/enable generic", "/reload" })
        {
            Assert.Equal("This command is for the bot's operators.", await AskAsync(user, command));
        }

        Assert.Equal("Active", _bot.App!.Services.GetPlugin("generic").Status.ToString());
    }

    [Fact]
    public async Task An_admin_switches_a_plugin_off_and_on_again_without_a_restart()
    {
        Assert.Equal("generic is switched off until /enable generic or a restart.", await AskAsync(_admin, "/disable generic"));

        var user = _bot.Telegram.AddUser("Ana");
        var url = _bot.Site.AddPage("off", "Off");
        Assert.Equal("I can't download from 127.0.0.1.\nSend /help to see the sites I support.", await AskAsync(user, url));

        Assert.Equal("generic 1.0.0 is switched on: Active.", await AskAsync(_admin, "/enable generic"));
        _bot.Say(user, url);
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();
    }

    [Fact]
    public async Task Disable_without_an_id_or_with_an_unknown_one_says_how()
    {
        Assert.Equal("Send /disable ID; /plugins lists the ids.", await AskAsync(_admin, "/disable"));
        Assert.Equal("There is no plugin nope; /plugins lists the ids.", await AskAsync(_admin, "/enable nope"));
    }

    [Fact]
    public async Task A_broken_version_found_by_reload_is_refused_reported_and_the_old_one_keeps_serving()
    {
        // The admin has spoken to the bot, so the notices come in their language (English here).
        Assert.Equal("generic 1.0.0 is switched on: Active.", await AskAsync(_admin, "/enable generic"));
        var manifest = Path.Combine(GenericFolder, "plugin.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\":\"1.0.0\"", "\"version\":\"2.0.0\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(GenericFolder, "extractor.js"), "async function extract(request) { return {; }");

        var reply = await AskAsync(_admin, "/reload");

        Assert.StartsWith("Plugins reloaded: 0 activated, 0 swapped, 1 refused, 0 removed, 0 switched off.\n• generic: Malfunctioned: ExtractionException: script 'generic' could not be parsed", reply, StringComparison.Ordinal);
        var notice = await _bot.ReplyAsync(_admin, m => m.Text?.StartsWith("⚠️ Plugin generic 2.0.0 was refused", StringComparison.Ordinal) == true);
        Assert.StartsWith("⚠️ Plugin generic 2.0.0 was refused; 1.0.0 goes on serving.\nMalfunctioned: ExtractionException: script 'generic' could not be parsed", notice.Text, StringComparison.Ordinal);

        var listing = await AskAsync(_admin, "/plugins");
        Assert.Contains("generic 1.0.0 – Active\n  ⚠ version 2.0.0 was refused: Malfunctioned: ExtractionException", listing, StringComparison.Ordinal);

        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("still", "Still serving"));
        var video = await _bot.ReplyAsync(user, m => m.Kind == "video");
        Assert.StartsWith("Still serving", video.Caption, StringComparison.Ordinal);
        await _bot.IdleAsync();
    }

    [Fact]
    public async Task A_good_new_version_found_by_reload_is_swapped_in_and_the_admins_are_told()
    {
        var manifest = Path.Combine(GenericFolder, "plugin.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\":\"1.0.0\"", "\"version\":\"1.1.0\"", StringComparison.Ordinal));

        var reply = await AskAsync(_admin, "/reload");

        Assert.Equal("Plugins reloaded: 0 activated, 1 swapped, 0 refused, 0 removed, 0 switched off.", reply);
        var notice = await _bot.ReplyAsync(_admin, m => m.Text?.StartsWith("Plugin generic swapped", StringComparison.Ordinal) == true);
        Assert.Equal("Plugin generic swapped from 1.0.0 to 1.1.0; running jobs finish on 1.0.0.", notice.Text);
        Assert.Equal("1.1.0", _bot.App!.Services.GetPlugin("generic").Manifest!.Version);
    }
}

internal static class PluginLookup
{
    public static VideoBot.Host.Plugins.PluginHandle GetPlugin(this IServiceProvider services, string id) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<VideoBot.Host.Plugins.IPluginCatalog>(services).Find(id)!;
}
