using System.Net.Http.Json;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission.RateLimiting;

namespace VideoBot.Tests.RateLimiting;

/// <summary>The pacer under the Bot API client: which calls it counts, how it finds their chat, and that a burst is spread out.</summary>
public sealed class Pacing_sends_to_Telegram
{
    [Theory]
    [InlineData("sendMessage", true)]
    [InlineData("sendVideo", true)]
    [InlineData("sendMediaGroup", true)]
    [InlineData("editMessageText", true)]
    [InlineData("copyMessage", true)]
    [InlineData("sendChatAction", false)]
    [InlineData("deleteMessage", false)]
    [InlineData("getUpdates", false)]
    [InlineData("getMe", false)]
    public void Only_calls_that_post_into_a_chat_are_paced(string method, bool paced) =>
        Assert.Equal(paced, TelegramSendPacer.IsPaced(method));

    [Fact]
    public async Task The_chat_is_read_from_a_json_body_and_the_body_still_goes_out_whole()
    {
        var content = JsonContent.Create(new { chat_id = -100123, text = "hi" });

        var chat = await TelegramSendPacer.ChatIdAsync(content, CancellationToken.None);

        Assert.Equal(-100123, chat);
        Assert.Contains("\"text\":\"hi\"", await content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_is_read_from_an_uploads_form_without_touching_the_file()
    {
        using var file = new StreamContent(new MemoryStream(new byte[] { 1, 2, 3 }));
        using var form = new MultipartFormDataContent
        {
            { file, "video", "clip.mp4" },
            { new StringContent("555"), "chat_id" },
        };

        Assert.Equal(555, await TelegramSendPacer.ChatIdAsync(form, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_without_a_numeric_chat_is_not_paced()
    {
        Assert.Null(await TelegramSendPacer.ChatIdAsync(JsonContent.Create(new { chat_id = "@channel" }), CancellationToken.None));
        Assert.Null(await TelegramSendPacer.ChatIdAsync(JsonContent.Create(new { offset = 1 }), CancellationToken.None));
        Assert.Null(await TelegramSendPacer.ChatIdAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_burst_to_one_chat_is_spread_out_at_one_message_a_second()
    {
        var server = new Recorder();
        using var client = new HttpClient(new TelegramSendPacer(new RateLimitOptions { TelegramChatBurst = 1, TelegramChatPerSecond = 1 }, server))
        {
            BaseAddress = new Uri("http://telegram.test/bot1:x/"),
        };
        var started = DateTimeOffset.UtcNow;

        var sends = Enumerable.Range(0, 4).Select(i => client.PostAsync("sendMessage", JsonContent.Create(new { chat_id = 1, text = "m" + i }))).ToList();
        await Task.WhenAll(sends);

        // One per second after the first: four messages cannot all be out before two seconds have passed (a lower bound only:
        // a slow machine makes it longer, never shorter).
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2), "four messages to one chat went out too fast");
        Assert.Equal(4, server.Count);
    }

    private sealed class Recorder : HttpMessageHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
