using Microsoft.Extensions.Options;
using VideoBot.Host.Cli;
using VideoBot.Host.Telegram;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Limits;

/// <summary>Out-of-range limit, rate and resilience settings stop the bot at start, naming the setting.</summary>
public sealed class Validating_limit_settings
{
    [Theory]
    [InlineData("RateLimits:UserBurst", "0", "UserBurst")]
    [InlineData("RateLimits:TelegramGlobalPerSecond", "0", "TelegramGlobalPerSecond")]
    [InlineData("Resilience:FailureRatio", "2", "FailureRatio")]
    [InlineData("Resilience:MaxRetries", "-1", "MaxRetries")]
    [InlineData("Limits:MaxJobsPerPlatform", "0", "MaxJobsPerPlatform")]
    [InlineData("Limits:TempQuotaMb", "-5", "TempQuotaMb")]
    public async Task A_setting_out_of_range_is_refused_by_name(string key, string value, string named)
    {
        var app = BotApp.Build(["--urls", "http://127.0.0.1:0"], new GlobalOptions(null, null), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:Token"] = BotHarness.Token,
                ["Storage:Directory"] = Path.Combine(Path.GetTempPath(), "videobot-validate-" + Guid.NewGuid().ToString("N")),
                [key] = value,
            }));
        await using (app)
        {
            var failure = Assert.Throws<OptionsValidationException>(() => BotApp.Validate(app.Services));

            Assert.Contains(failure.Failures, f => f.Contains(named, StringComparison.Ordinal));
        }
    }
}
