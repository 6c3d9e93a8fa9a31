using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telegram.Bot;
using VideoBot.FakeTelegram;

namespace VideoBot.Tests.FakeTelegram;

public sealed partial class Standalone_executable
{
    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [Fact]
    public async Task The_executable_serves_the_bot_api_and_the_control_api_for_manual_demos()
    {
        var dll = typeof(FakeBotApiServer).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--urls", "http://127.0.0.1:0", "--token", "777:demo-token" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var baseUrl = await ReadBaseUrlAsync(process).WaitAsync(TimeSpan.FromSeconds(30));

            // Keep draining its console output, or the fake would block once the pipe is full.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var bot = new TelegramBotClient(new TelegramBotClientOptions("777:demo-token", baseUrl) { RetryThreshold = 0 });

            var simulated = await http.PostAsJsonAsync("/_fake/messages", new { user_id = 555, first_name = "Demo", text = "/start" });
            var update = Assert.Single(await bot.GetUpdates());
            await bot.SendMessage(update.Message!.Chat.Id, "<b>Hi</b> Demo", Telegram.Bot.Types.Enums.ParseMode.Html);
            var sent = JsonNode.Parse(await http.GetStringAsync("/_fake/chats/555/messages"))!.AsArray();

            Assert.True(simulated.IsSuccessStatusCode);
            Assert.Equal("/start", update.Message.Text);
            Assert.Equal("Demo", update.Message.From!.FirstName);
            Assert.Equal("Hi Demo", Assert.Single(sent)!["text"]!.GetValue<string>());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> ReadBaseUrlAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("The fake exited without printing its address: " + await process.StandardError.ReadToEndAsync());
    }
}
