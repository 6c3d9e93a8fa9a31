using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.State;

namespace VideoBot.Tests.TelegramBot.Support;

/// <summary>The inline buttons under a bot message, as (text, callback_data), row by row.</summary>
internal static class InlineButtons
{
    public static IReadOnlyList<(string Text, string Data)> Of(FakeMessage message) =>
        message.ReplyMarkup is null
            ? []
            : [.. JsonNode.Parse(message.ReplyMarkup)!["inline_keyboard"]!.AsArray()
                .SelectMany(row => row!.AsArray())
                .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]?.GetValue<string>() ?? string.Empty))];

    public static string DataOf(FakeMessage message, Func<string, bool> text) => Of(message).First(b => text(b.Text)).Data;
}
