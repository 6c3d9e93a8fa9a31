using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Manifests;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Network.NetworkTestKit;

namespace VideoBot.Tests.Network;

public sealed class PluginLimitsTests : IAsyncLifetime
{
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapGet("/small", () => "small");
        app.MapMethods("/megabyte", ["GET", "HEAD"], () => Results.Bytes(new byte[1024 * 1024], "application/octet-stream"));
        app.MapGet("/endless", async (HttpContext context) =>
        {
            // No Content-Length: a chunked body that never ends, as a hostile or broken server sends.
            var chunk = new byte[16 * 1024];
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.MapGet("/slow-headers", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return "late";
        });
        app.MapGet("/slow-body", async (HttpContext context) =>
        {
            await context.Response.Body.WriteAsync("start"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_body_declaring_a_length_over_the_cap_is_refused_when_reading_starts_before_any_byte_is_read()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Capped(64));
        using var response = await http.GetAsync(_site.Url("/megabyte"), HttpCompletionOption.ResponseHeadersRead);

        var error = await Assert.ThrowsAsync<ExtractionException>(() => response.Content.ReadAsByteArrayAsync());

        Assert.Equal(ExtractionErrorKind.PluginFault, error.Kind);
        Assert.Equal(
            $"refused the response to GET {_site.Url("/megabyte")}: its body of 1048576 bytes is over the plugin response limit of 64 KB",
            error.Message);
    }

    [Fact]
    public async Task The_headers_of_a_response_over_the_cap_are_the_plugins_to_read()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Capped(64));

        using var response = await http.GetAsync(_site.Url("/megabyte"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_head_request_for_a_file_larger_than_the_cap_succeeds_with_its_length()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Capped(64));

        // The default completion option buffers the (empty) body: the declared length must not count against the cap.
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, _site.Url("/megabyte")));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_endless_body_is_cut_past_the_cap()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Capped(64));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetByteArrayAsync(_site.Url("/endless")));

        Assert.Equal(ExtractionErrorKind.PluginFault, error.Kind);
        Assert.Contains("the body is over the plugin response limit of 64 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_read_is_cut_past_the_cap_too()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Capped(64));
        using var response = await http.GetAsync(_site.Url("/endless"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[8192];
        long total = 0;

        var error = await Assert.ThrowsAsync<ExtractionException>(async () =>
        {
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                total += n;
            }
        });

        Assert.Equal(ExtractionErrorKind.PluginFault, error.Kind);
        Assert.True(total <= 64 * 1024, $"read {total} bytes before the cap stopped it");
    }

    [Fact]
    public async Task The_global_cap_applies_when_the_manifest_sets_none()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.MaxPluginResponseMb = 1);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));

        Assert.Equal("small", await http.GetStringAsync(_site.Url("/small")));
        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetByteArrayAsync(_site.Url("/endless")));
        Assert.Contains("limit of 1 MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_a_network_error()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.RequestTimeoutSeconds = 1);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync(_site.Url("/slow-headers")));

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.Equal($"GET {_site.Url("/slow-headers")} timed out after 1 s", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_body_that_stalls_times_out_as_a_network_error()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.RequestTimeoutSeconds = 1);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));
        using var response = await http.GetAsync(_site.Url("/slow-body"), HttpCompletionOption.ResponseHeadersRead);

        var error = await Assert.ThrowsAsync<ExtractionException>(() => response.Content.ReadAsStringAsync());

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.Contains("timed out after 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancellation_by_the_caller_stays_a_cancellation()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.GetStringAsync(_site.Url("/slow-headers"), cancel.Token));
    }

    private static PluginManifest Capped(int kilobytes) =>
        Manifest("site", Loopback) with { Limits = new PluginManifest.LimitsSection { MaxResponseKb = kilobytes } };
}
