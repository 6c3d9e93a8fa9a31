using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.FakeTelegram;
using VideoBot.FakeTelegram.Formatting;
using VideoBot.FakeTelegram.State;
using VideoBot.Host.Cli;
using VideoBot.Host.Telegram;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Admission;

namespace VideoBot.Tests.TelegramBot.Support;

/// <summary>
/// The whole bot, as <c>videobot run</c> builds it, against a fake Bot API and a fixture video site, with the repository's
/// plugins and a private storage folder. The bot can be stopped and started again on the same storage (a restart).
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    /// <summary>A token shaped like BotFather's, so the bot's start-up check passes.</summary>
    public const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private readonly Dictionary<string, string?> _settings;
    private int _generation;

    private readonly bool _ownsServers;

    private BotHarness(FakeBotApiServer telegram, FixtureVideoSite site, string storage, Dictionary<string, string?> settings, bool ownsServers = true)
    {
        _ownsServers = ownsServers;
        Telegram = telegram;
        Site = site;
        StorageDirectory = storage;
        _settings = settings;
    }

    public FakeBotApiServer Telegram { get; private set; }

    public FixtureVideoSite Site { get; }

    public string StorageDirectory { get; }

    public WebApplication? App { get; private set; }

    /// <summary>Where the bot's web server listens (for webhook tests).</summary>
    public Uri BotUrl { get; private set; } = null!;

    /// <summary>Starts the fake Bot API, the fixture site and the bot; <paramref name="settings"/> override the test defaults.</summary>
    /// <param name="firstUpdateId">The fake's first update id: two fakes standing for one bot's Telegram must not reuse ids.</param>
    public static async Task<BotHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool startBot = true, long? firstUpdateId = null)
    {
        var options = new FakeBotApiOptions { Token = Token, SupportsInlineQueries = true };
        options.FirstUpdateId = firstUpdateId ?? options.FirstUpdateId;
        var telegram = await FakeBotApiServer.StartAsync(options);
        var site = await FixtureVideoSite.StartAsync();
        return await StartAsync(telegram, site, ownsServers: true, settings, startBot);
    }

    /// <summary>
    /// A second bot instance, with its own storage folder, on the same fake Bot API and fixture site as <paramref name="first"/>
    /// (as two hosts behind one load balancer). Disposing it leaves the shared servers to <paramref name="first"/>.
    /// </summary>
    public static Task<BotHarness> StartAnotherAsync(BotHarness first, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(first.Telegram, first.Site, ownsServers: false, settings, startBot: true);

    private static async Task<BotHarness> StartAsync(
        FakeBotApiServer telegram, FixtureVideoSite site, bool ownsServers, IReadOnlyDictionary<string, string?>? settings, bool startBot)
    {
        var storage = Path.Combine(Path.GetTempPath(), "videobot-bot-e2e-" + Guid.NewGuid().ToString("N"));
        var merged = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = Token,
            ["Telegram:ApiBaseUrl"] = telegram.ApiBaseUrl,
            ["Telegram:StatusEditIntervalMs"] = "300",
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Plugins:Directory"] = GenericPluginFolder(storage),
            ["Plugins:Watch"] = "false",
            ["Storage:Directory"] = storage,
            ["Network:AllowPrivateAddresses"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var harness = new BotHarness(telegram, site, storage, merged, ownsServers);
        if (startBot)
        {
            await harness.StartBotAsync();
        }

        return harness;
    }

    /// <summary>
    /// A plugins folder holding the repository's <c>generic</c> plugin, its script unchanged, as version 1.0.0, with
    /// <c>permissions.network</c> narrowed to the fixture site's host: the tests grant it exactly what they serve.
    /// </summary>
    private static string GenericPluginFolder(string storage)
    {
        var source = VideoBot.Tests.Plugins.RepoPaths.Plugin("generic");
        var target = Path.Combine(storage + "-plugins", "generic");
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "extractor.js"), Path.Combine(target, "extractor.js"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "plugin.json")))!.AsObject();
        manifest.Remove("$schema");
        manifest.Remove("tests");
        // A fixed version, so the tests that swap versions do not follow every release of the repository's plugin.
        manifest["version"] = "1.0.0";
        manifest["permissions"] = new JsonObject { ["network"] = new JsonArray("127.0.0.1") };
        File.WriteAllText(Path.Combine(target, "plugin.json"), manifest.ToJsonString());
        return Path.GetDirectoryName(target)!;
    }

    /// <summary>A free loopback port, for settings that must name the bot's address before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Set(string key, string? value) => _settings[key] = value;

    /// <summary>Builds and starts the bot, and waits until it has introduced itself to the Bot API.</summary>
    public async Task StartBotAsync()
    {
        var urls = _settings.GetValueOrDefault("urls") ?? "http://127.0.0.1:0";
        App = BotApp.Build(["--urls", urls], new GlobalOptions(null, null), builder => builder.Configuration.AddInMemoryCollection(_settings));
        BotApp.Validate(App.Services);
        await App.StartAsync();
        BotUrl = new Uri(App.Urls.First());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.Services.GetRequiredService<BotIdentity>().WhenReadyAsync(timeout.Token);
    }

    public async Task StopBotAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
            App = null;
        }
    }

    /// <summary>Swaps in a new, empty fake Bot API (it knows no earlier file_id) for the next start.</summary>
    public async Task ReplaceTelegramAsync()
    {
        await Telegram.DisposeAsync();
        // Telegram numbers a bot's updates on from the last one, whatever its token: the bot's job queue
        // recognises a resent update by its id, so the new server must not reuse the old one's.
        _generation++;
        Telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = Token, FirstUpdateId = 100_000_001 + (_generation * 10_000_000) });
        _settings["Telegram:ApiBaseUrl"] = Telegram.ApiBaseUrl;
    }

    /// <summary>Waits until the bot has no job running or waiting.</summary>
    public async Task IdleAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App!.Services.GetRequiredService<JobTracker>().WhenIdleAsync(timeout.Token);
    }

    /// <summary>A user writes to the bot in their private chat.</summary>
    public FakeMessage Say(FakeUser user, string text, IReadOnlyList<TextEntity>? entities = null) =>
        Telegram.SendUserMessage(Telegram.PrivateChat(user), user, text, entities);

    /// <summary>Waits for the first bot message in the chat that satisfies <paramref name="predicate"/>.</summary>
    public async Task<FakeMessage> ReplyAsync(FakeUser user, Func<FakeMessage, bool> predicate, int seconds = 30)
    {
        try
        {
            return await Telegram.WaitForMessageAsync(user.Id, predicate, TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + Transcript(user.Id), e);
        }
    }

    /// <summary>What the bot was asked and said, for failure messages.</summary>
    public string Transcript(long chatId) =>
        "Bot API calls:\n" + string.Join('\n', Telegram.Requests.Where(r => r.Method != "getUpdates").Select(r =>
            $"  {r.Method} {r.StatusCode} {r.ErrorDescription} {string.Join(", ", r.Parameters.Select(p => p.Key + "=" + p.Value))}")) +
        "\nBot messages:\n" + string.Join('\n', Telegram.Messages(chatId).Select(m => $"  {m.Kind}: {m.Text ?? m.Caption}"));

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        if (_ownsServers)
        {
            await Telegram.DisposeAsync();
            await Site.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in new[] { StorageDirectory, StorageDirectory + "-plugins" })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
