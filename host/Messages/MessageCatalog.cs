using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoBot.Host.Messages;

/// <summary>
/// The user-facing texts, one JSON file per language embedded in the host (<c>Messages/en.json</c>, <c>ro.json</c>). Templates are
/// Telegram HTML with <c>{name}</c> placeholders; a language lacking a key falls back to English.
/// </summary>
internal sealed partial class MessageCatalog
{
    public const string English = "en";
    public const string Romanian = "ro";

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _languages;

    public MessageCatalog(Dictionary<string, IReadOnlyDictionary<string, string>> languages)
    {
        if (!languages.ContainsKey(English))
        {
            throw new ArgumentException("The English texts are required: they are the fallback.", nameof(languages));
        }

        _languages = languages;
    }

    public IReadOnlyCollection<string> Languages => _languages.Keys;

    /// <summary>Reads the templates embedded in this assembly.</summary>
    public static MessageCatalog LoadEmbedded()
    {
        var assembly = typeof(MessageCatalog).Assembly;
        const string prefix = "VideoBot.Host.Messages.";
        var languages = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                    ?? throw new InvalidDataException($"The message file {name} is empty.");
                languages[name[prefix.Length..^".json".Length]] = texts;
            }
        }

        return new MessageCatalog(languages);
    }

    /// <summary>The texts' language for a Telegram <c>language_code</c>: Romanian for <c>ro*</c>, else English.</summary>
    public static string LanguageOf(string? languageCode) =>
        languageCode is not null && languageCode.StartsWith(Romanian, StringComparison.OrdinalIgnoreCase) ? Romanian : English;

    /// <summary>The raw templates of <paramref name="language"/>.</summary>
    public IReadOnlyDictionary<string, string> Templates(string language) =>
        _languages.TryGetValue(language, out var texts) ? texts : _languages[English];

    /// <summary>A template as Telegram HTML; argument values are escaped unless they are <see cref="HtmlFragment"/>s.</summary>
    public string Html(string language, string key, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Fill(language, key, args, escape: true);

    /// <summary>A template as plain text (buttons, command descriptions): nothing is escaped.</summary>
    public string Plain(string language, string key, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Fill(language, key, args, escape: false);

    private string Fill(string language, string key, ReadOnlySpan<(string Name, object? Value)> args, bool escape)
    {
        var template = Template(language, key);
        if (args.Length == 0)
        {
            return template;
        }

        var values = new Dictionary<string, string>(args.Length, StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            values[name] = value switch
            {
                HtmlFragment fragment => fragment.Html,
                IFormattable formattable => Escape(formattable.ToString(null, CultureInfo.InvariantCulture), escape),
                null => string.Empty,
                _ => Escape(value.ToString() ?? string.Empty, escape),
            };
        }

        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    private string Template(string language, string key)
    {
        if (_languages.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text))
        {
            return text;
        }

        return _languages[English].TryGetValue(key, out var english)
            ? english
            : throw new KeyNotFoundException($"No message template '{key}'.");
    }

    private static string Escape(string value, bool escape) => escape ? HtmlText.Escape(value) : value;

    /// <summary>The placeholders of a template, for checks that every language fills the same ones.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Placeholder().Matches(template))
        {
            names.Add(m.Groups[1].Value);
        }

        return names;
    }

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
