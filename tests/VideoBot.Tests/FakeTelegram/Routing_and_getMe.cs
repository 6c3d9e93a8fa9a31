using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using VideoBot.FakeTelegram;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Routing_and_getMe : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = "4242:secret-TOKEN_x", Username = "fake_video_bot", FirstName = "Fake Video" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetMe_through_the_real_client_returns_the_configured_bot()
    {
        var me = await FakeTelegramClient.For(_server).GetMe();

        Assert.Equal(4242, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("fake_video_bot", me.Username);
        Assert.Equal("Fake Video", me.FirstName);
    }

    [Fact]
    public async Task A_wrong_token_is_answered_with_401_Unauthorized()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => FakeTelegramClient.For(_server, "4242:wrong").GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.Equal("Unauthorized", error.Message);
    }

    [Fact]
    public async Task An_unknown_method_is_answered_with_404_Not_Found_as_json()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(_server.BaseUrl, $"/bot{_server.Token}/sendTelepathy"), null);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal(404, body["error_code"]!.GetValue<int>());
        Assert.Equal("Not Found", body["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Method_names_are_case_insensitive_and_parameters_come_from_the_query_string()
    {
        var user = _server.AddUser("Bob");
        var chat = _server.PrivateChat(user);
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(_server.BaseUrl, $"/bot{_server.Token}/SENDMESSAGE?chat_id={chat.Id}&text=hi%20there"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi there", body["result"]!["text"]!.GetValue<string>());
        Assert.Equal("sendMessage", _server.Requests[^1].Method);
    }

    [Fact]
    public async Task Urlencoded_form_and_json_bodies_are_both_understood()
    {
        var chat = _server.PrivateChat(_server.AddUser("Carol"));
        using var http = new HttpClient();

        var form = await http.PostAsync(new Uri(_server.BaseUrl, $"/bot{_server.Token}/sendMessage"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = chat.Id.ToString(), ["text"] = "from a form", ["reply_markup"] = """{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}""" }));
        var json = await http.PostAsync(new Uri(_server.BaseUrl, $"/bot{_server.Token}/sendMessage"),
            new StringContent($$"""{"chat_id":{{chat.Id}},"text":"from json"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(["from a form", "from json"], _server.Messages(chat.Id).Select(m => m.Text));
        var keyboard = JsonNode.Parse(await form.Content.ReadAsStringAsync())!["result"]!["reply_markup"]!;
        Assert.Equal("a", keyboard["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
    }
}
