namespace VideoBot.Host.Pipeline;

/// <summary>
/// A full job failed after telling its own user why. Thrown out of the cache's factory so that nothing is cached, and so that
/// users who were waiting on the same link get the same reason (<see cref="Exception.InnerException"/>) without a second try.
/// </summary>
internal sealed class SharedJobFailedException(Exception failure) : Exception("The job for this link failed: " + failure.Message, failure)
{
    public Exception Failure => InnerException!;
}
