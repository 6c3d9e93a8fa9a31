using Microsoft.Extensions.Logging;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Scripting;

/// <summary>What the host lends a script in these tests: a real HttpClient (to a fixture site on 127.0.0.1), a logger that keeps its lines.</summary>
internal sealed class ScriptTestContext(HttpClient http, IReadOnlyDictionary<string, string>? settings = null) : IExtractionContext
{
    public string PluginId => "test";

    public HttpClient Http { get; } = http;

    public RecordingLogger Log { get; } = new();

    public ILogger Logger => Log;

    public IReadOnlyDictionary<string, string> Settings { get; } = settings ?? new Dictionary<string, string>();
}

/// <summary>Keeps every line logged, with its level.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get { lock (_lines) { return [.. _lines]; } }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, formatter(state, exception)));
        }
    }
}
