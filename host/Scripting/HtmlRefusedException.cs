namespace VideoBot.Host.Scripting;

/// <summary>An <c>html.*</c> helper refused its input because working on it would break the run's limits; the message says which.</summary>
internal sealed class HtmlRefusedException(string reason) : Exception(reason);
