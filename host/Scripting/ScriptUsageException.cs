namespace VideoBot.Host.Scripting;

/// <summary>A script called a host function wrongly (a bad selector, a relative URL): the script sees a <c>TypeError</c>.</summary>
internal sealed class ScriptUsageException(string message) : Exception(message);
