using VideoBot.Host.Configuration;
using VideoBot.Host.Telegram.Hosting;

// Not VideoBot.Tests.Telegram: that namespace would shadow Telegram.Bot for every test under VideoBot.Tests.
namespace VideoBot.Tests.TelegramBot;

public sealed class Validating_settings
{
    private const string GoodToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static readonly TelegramOptionsValidator Validator = new();

    [Fact]
    public void A_missing_token_names_the_setting_and_where_to_set_it()
    {
        var result = Validator.Validate(null, new TelegramOptions());

        Assert.True(result.Failed);
        Assert.Equal(["Telegram:Token is missing: set it in config.yaml or TELEGRAM_BOT_TOKEN"], result.Failures);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("123456789:short")]
    [InlineData("abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")]
    [InlineData("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PAL sa")]
    public void A_malformed_token_is_refused_without_echoing_it(string token)
    {
        var result = Validator.Validate(null, new TelegramOptions { Token = token });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Telegram:Token is malformed", failure);
        Assert.DoesNotContain(token, failure);
    }

    [Fact]
    public void A_real_looking_token_passes()
    {
        Assert.True(Validator.Validate(null, new TelegramOptions { Token = GoodToken }).Succeeded);
    }

    [Fact]
    public void Webhook_mode_needs_a_url_and_a_secret()
    {
        var result = Validator.Validate(null, new TelegramOptions { Token = GoodToken, Mode = TelegramMode.Webhook });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Telegram:WebhookUrl", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Telegram:WebhookSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_webhook_secret_with_forbidden_characters_is_refused()
    {
        var options = new TelegramOptions { Token = GoodToken, Mode = TelegramMode.Webhook, WebhookUrl = "https://bot.example/hook", WebhookSecret = "has space" };

        Assert.Contains(Validator.Validate(null, options).Failures!, f => f.StartsWith("Telegram:WebhookSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.telegram.org", null, 50L * 1024 * 1024)]
    [InlineData("http://127.0.0.1:8081", null, 2000L * 1024 * 1024)]
    [InlineData("http://127.0.0.1:8081", false, 50L * 1024 * 1024)]
    public void The_upload_limit_follows_the_kind_of_Bot_API_server(string baseUrl, bool? local, long expected)
    {
        Assert.Equal(expected, new TelegramOptions { ApiBaseUrl = baseUrl, LocalApiServer = local }.UploadLimit);
    }

    [Fact]
    public void An_exact_byte_limit_overrides_the_megabyte_ones()
    {
        Assert.Equal(1234, new TelegramOptions { UploadLimitBytes = 1234 }.UploadLimit);
    }

    [Theory]
    [InlineData("s3cret-Token_1", "s3cret-Token_1", true)]
    [InlineData("s3cret-Token_1", "s3cret-Token_2", false)]
    [InlineData("", "s3cret", false)]
    [InlineData("s3cret", null, false)]
    public void The_webhook_secret_must_match_exactly(string given, string? expected, bool matches)
    {
        Assert.Equal(matches, WebhookEndpoint.SecretMatches(given, expected));
    }
}
