using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Network;

namespace VideoBot.Tests.Network;

/// <summary>Starts egress proxies and talks to them the way child processes do: curl, yt-dlp, ffmpeg, or raw bytes.</summary>
internal static class ProxyClients
{
    public static EgressProxy Proxy(bool allowPrivate, EgressProxyLimits? limits = null) =>
        new(new SafeConnector(new AddressPolicy(allowPrivate), TimeSpan.FromSeconds(5), NullLogger.Instance), limits ?? new(), NullLogger.Instance);

    /// <summary>Runs a program with no proxy variables of its own in the environment; returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Sends <paramref name="request"/> as is and returns everything the proxy answers until it closes the connection.</summary>
    public static async Task<string> RawAsync(Uri proxy, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Host, proxy.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        return await ReadToEndAsync(stream);
    }

    public static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, timeout.Token);
        return Encoding.Latin1.GetString(memory.ToArray());
    }
}
