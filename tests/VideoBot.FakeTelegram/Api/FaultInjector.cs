namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// Errors tests ask for: the next <c>count</c> calls of a method (or of any method, with "*") fail with the given
/// answer instead of running. A 429 gets Telegram's "Too Many Requests: retry after N" and parameters.retry_after.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    private sealed class Fault(string method, BotApiException error, int count)
    {
        public string Method { get; } = method;

        public BotApiException Error { get; } = error;

        public int Remaining { get; set; } = count;
    }

    public void Add(string method, int errorCode, string? description, int? retryAfter, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var error = errorCode == 429 && description is null
            ? ApiErrors.TooManyRequests(retryAfter ?? 1)
            : new BotApiException(errorCode, description ?? DefaultDescription(errorCode), retryAfter);
        lock (_gate)
        {
            _faults.Add(new Fault(method, error, count));
        }
    }

    /// <summary>The injected error for this call of <paramref name="method"/>, if one is due.</summary>
    public BotApiException? Take(string method)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Method == "*" || f.Method.Equals(method, StringComparison.OrdinalIgnoreCase));
            if (fault is null)
            {
                return null;
            }

            if (--fault.Remaining == 0)
            {
                _faults.Remove(fault);
            }

            return fault.Error;
        }
    }

    private static string DefaultDescription(int code) => code switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden: bot was blocked by the user",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => "Error",
    };
}
