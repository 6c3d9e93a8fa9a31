using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram.Hosting;

/// <summary>
/// Checks the Telegram settings at start-up with messages that name the setting and say how to fix it. The token itself is
/// never echoed.
/// </summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public const string MissingToken = "Telegram:Token is missing: set it in config.yaml or TELEGRAM_BOT_TOKEN";

    public const string MalformedToken =
        "Telegram:Token is malformed: BotFather's tokens look like 123456789:AAE... (digits, a colon, then 35 letters, digits, _ or -); " +
        "set it in config.yaml or TELEGRAM_BOT_TOKEN";

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add(MissingToken);
        }
        else if (!TokenPattern().IsMatch(options.Token.Trim()))
        {
            failures.Add(MalformedToken);
        }

        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            failures.Add("Telegram:ApiBaseUrl must be an absolute http(s) URL, such as https://api.telegram.org.");
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            if (!IsHttpUrl(options.WebhookUrl))
            {
                failures.Add("Telegram:WebhookUrl must be the public https URL Telegram posts updates to (Telegram:Mode is webhook).");
            }

            if (string.IsNullOrEmpty(options.WebhookSecret) || !SecretPattern().IsMatch(options.WebhookSecret))
            {
                failures.Add("Telegram:WebhookSecret is required in webhook mode: 1-256 characters of A-Z, a-z, 0-9, _ and -.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // Real tokens: the bot's numeric id, a colon, 35 characters of base64url. Accept 30+ so a future format is not refused.
    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{30,}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
