namespace VideoBot.Host.Messages;

/// <summary>Escaping for Telegram's HTML parse mode, where only <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> (and quotes in attributes) matter.</summary>
internal static class HtmlText
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
}

/// <summary>A value that is already HTML (built from templates); inserted into another template as is.</summary>
internal sealed record HtmlFragment(string Html)
{
    public override string ToString() => Html;
}
