using System.Diagnostics;
using VideoBot.FakeTelegram;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.Tests.TelegramBot.Support;

/// <summary>
/// Notes when each Bot API call reached the fake (whose log has no times), by watching the log every few milliseconds.
/// </summary>
internal sealed class RequestClock : IAsyncDisposable
{
    private readonly FakeBotApiServer _server;
    private readonly List<(LoggedRequest Request, TimeSpan At)> _seen = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RequestClock(FakeBotApiServer server)
    {
        _server = server;
        _loop = Task.Run(WatchAsync);
    }

    /// <summary>The calls of <paramref name="method"/> seen so far, with when they were first seen.</summary>
    public IReadOnlyList<(LoggedRequest Request, TimeSpan At)> Of(string method)
    {
        lock (_seen)
        {
            return [.. _seen.Where(s => s.Request.Method == method)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var requests = _server.Requests;
            lock (_seen)
            {
                for (var i = _seen.Count; i < requests.Count; i++)
                {
                    _seen.Add((requests[i], _watch.Elapsed));
                }
            }

            try
            {
                await Task.Delay(2, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
