namespace VideoBot.Host.Cli;

/// <summary>The CLI's exit codes; the README lists them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>The work failed: extraction, download or validation (the reasons are on stderr).</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>No plugin claims the URL (for <c>route</c>: at least one URL).</summary>
    public const int NotRouted = 3;

    /// <summary>A request was refused by the network policy (private address, scheme, permissions).</summary>
    public const int Refused = 4;

    /// <summary>The configuration is invalid or missing a required setting.</summary>
    public const int Config = 5;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
