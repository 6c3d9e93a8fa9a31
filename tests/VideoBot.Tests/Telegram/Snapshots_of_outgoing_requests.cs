using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Snapshooter.Xunit;
using VideoBot.FakeTelegram.Api;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// What the bot sends Telegram in its main flows, method by method with every parameter, as snapshots: a change in what users
/// see (a caption, a reply target, a flag on sendVideo) shows up as a reviewed diff. Progress edits and chat actions are left
/// out, as their number depends on timing; ports, and the sizes and hashes of files, are replaced by names.
/// </summary>
public sealed partial class Snapshots_of_outgoing_requests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_first_link_then_the_same_link_from_another_user()
    {
        var url = _bot.Site.AddPage("harbour", "Sunset <over> the \"harbour\" & _pier_ *[1]*");
        var ana = _bot.Telegram.AddUser("Ana");
        var dan = _bot.Telegram.AddUser("Dan");
        _bot.Say(ana, url);
        await _bot.ReplyAsync(ana, m => m.Kind == "video");
        await _bot.IdleAsync();
        _bot.Say(dan, url);
        await _bot.ReplyAsync(dan, m => m.Kind == "video");
        await _bot.IdleAsync();

        Snapshot.Match(await ShownAsync());
    }

    [Fact]
    public async Task Links_that_cannot_be_answered_and_the_help_command()
    {
        var ana = _bot.Telegram.AddUser("Ana", languageCode: "ro");
        _bot.Say(ana, "/help");
        await _bot.ReplyAsync(ana, m => m.Kind == "text");
        var missing = _bot.Say(ana, _bot.Site.Site.Url("/watch/missing").AbsoluteUri);
        await _bot.ReplyAsync(ana, m => m.ReplyToMessageId == missing.MessageId);
        await _bot.IdleAsync();
        var unsupported = _bot.Say(ana, "ftp://files.example/clip.mp4");
        await _bot.ReplyAsync(ana, m => m.ReplyToMessageId == unsupported.MessageId);
        await _bot.IdleAsync();

        // No download ran, so every edit here is a final answer.
        Snapshot.Match(await ShownAsync(includeEdits: true));
    }

    private async Task<List<object>> ShownAsync(bool includeEdits = false)
    {
        var clipHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(_bot.Site.ClipPath)));
        var site = _bot.Site.Site.BaseUrl.GetLeftPart(UriPartial.Authority);
        return [.. _bot.Telegram.Requests
            .Where(r => r.Method is not ("getUpdates" or "sendChatAction") && (includeEdits || r.Method != "editMessageText"))
            .Select(r => (object)new
            {
                r.Method,
                r.StatusCode,
                r.ErrorDescription,
                Parameters = r.Parameters.ToDictionary(p => p.Key, p => Scrub(p.Value, site, clipHash)),
            })];
    }

    private static string Scrub(string value, string site, string clipHash) =>
        Sha256().Replace(value.Replace(site, "http://fixture-site", StringComparison.Ordinal), m => m.Groups[1].Value == clipHash ? "<the site's clip>" : "<made by the bot>");

    // Sizes and hashes of media depend on the ffmpeg build that made them; whether the bytes are the site's own is what counts.
    [GeneratedRegex("size=[0-9]+ sha256=([0-9a-f]{64})")]
    private static partial Regex Sha256();
}
