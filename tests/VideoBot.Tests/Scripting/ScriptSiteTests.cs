using VideoBot.Tests.Support;

namespace VideoBot.Tests.Scripting;

/// <summary>
/// What a script test class starts for each test: the harness that runs one constrained engine per script, the fixture site
/// the scripts fetch from, and the HTTP client lent to them.
/// </summary>
public abstract class ScriptSiteTests : IAsyncLifetime, IDisposable
{
    private protected ScriptHarness Harness { get; } = new();

    private protected FixtureSite Site { get; private set; } = null!;

    private protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await ScriptFixtureSite.StartAsync();
        Http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Site.DisposeAsync();
    }

    public void Dispose()
    {
        Harness.Dispose();
        GC.SuppressFinalize(this);
    }
}
