using System.Text.Json;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Scripting;

/// <summary>The value helpers every script gets from the host (SDK 1.1): isObject, positive, httpsUrl, isoDuration, retryAfter.</summary>
public sealed class HelperGlobalsTests : ScriptSiteTests
{
    private Task<JsonElement> ReportAsync(string body) => Harness.ReportAsync(body, new ScriptTestContext(Http));

    private static string Text(JsonElement report) => report.GetRawText();

    [Fact]
    public async Task IsObject_is_true_for_objects_and_false_for_arrays_functions_null_and_primitives()
    {
        var report = await ReportAsync("""
              const report = [{}, Object.create(null), new Date(0), new String("s"), [], new Proxy([], {}), function () {}, () => 1,
                null, undefined, "s", 1, true].map(isObject);
            """);

        Assert.Equal("[true,true,true,true,false,false,false,false,false,false,false,false,false]", Text(report));
    }

    [Fact]
    public async Task IsObject_keeps_its_answer_when_the_script_replaces_Array_isArray()
    {
        var report = await ReportAsync("""
              Array.isArray = () => false;
              const report = [isObject([]), isObject({})];
            """);

        Assert.Equal("[false,true]", Text(report));
    }

    [Fact]
    public async Task Positive_reads_finite_numbers_above_zero_from_numbers_and_numeric_strings_only()
    {
        var report = await ReportAsync("""
              let coerced = 0;
              const sly = { valueOf() { coerced++; return 5; }, toString() { coerced++; return "5"; } };
              const values = [720, "720", " 1.5 ", 0, -1, "", " ", "abc", NaN, Infinity, "Infinity", null, true, [5], sly];
              const report = { values: values.map(v => positive(v) === undefined ? "none" : positive(v)), coerced };
            """);

        Assert.Equal("""{"values":[720,720,1.5,"none","none","none","none","none","none","none","none","none","none","none","none"],"coerced":0}""", Text(report));
    }

    [Fact]
    public async Task HttpsUrl_keeps_an_https_link_as_given_and_gives_a_protocol_relative_one_https()
    {
        var report = await ReportAsync("""
              const report = [
                "https://cdn.example.com/v.mp4",
                "//cdn.example.com/v.mp4",
                "  https://cdn.example.com/spaced.mp4\n",
                "HTTPS://CDN.example.com/v.mp4",
                "https://cdn.example.com/v.mp4?sig=a%2Fb%3D&e=1&x=%20",
              ].map(httpsUrl);
            """);

        Assert.Equal(
            """["https://cdn.example.com/v.mp4","https://cdn.example.com/v.mp4","https://cdn.example.com/spaced.mp4","HTTPS://CDN.example.com/v.mp4","https://cdn.example.com/v.mp4?sig=a%2Fb%3D&e=1&x=%20"]""",
            Text(report));
    }

    [Fact]
    public async Task HttpsUrl_refuses_plain_http_other_schemes_paths_and_anything_that_is_not_a_string()
    {
        var report = await ReportAsync("""
              let coerced = 0;
              const sly = { toString() { coerced++; return "https://cdn.example.com/v.mp4"; } };
              const values = ["http://cdn.example.com/v.mp4", "ftp://cdn.example.com/v.mp4", "javascript:alert(1)", "data:video/mp4;base64,AAAA",
                "/v.mp4", "v.mp4", "///v.mp4", "https://", "https:///v.mp4", "https:\\\\cdn.example.com", "", null, undefined, 42,
                new String("https://cdn.example.com/v.mp4"), ["https://cdn.example.com/v.mp4"], sly];
              const report = { values: values.map(v => httpsUrl(v) === undefined), coerced };
            """);

        Assert.Equal($$"""{"values":[{{string.Join(",", Enumerable.Repeat("true", 17))}}],"coerced":0}""", Text(report));
    }

    [Fact]
    public async Task HttpsUrl_refuses_a_string_longer_than_any_usable_link_without_running_out_of_memory()
    {
        var report = await ReportAsync($$"""
              const longest = "https://cdn.example.com/" + "x".repeat({{ScriptValues.MaxUrlLength}} - 24);
              const huge = "https://cdn.example.com/" + "x".repeat(1000000);
              const report = [httpsUrl(longest) === longest, httpsUrl(longest + "x"), httpsUrl(huge)];
            """);

        Assert.Equal("[true,null,null]", Text(report));
    }

    [Fact]
    public async Task IsoDuration_reads_the_durations_pages_write_and_nothing_a_calendar_must_settle()
    {
        var report = await ReportAsync("""
              const values = ["PT1M5S", "PT4.665S", "pt1m2,5s", "P1DT2H", "P2W", "PT0H0M30S", "PT1H",
                "P5M", "P1Y", "PT", "P", "PT0S", "PT5", "P1DT", "1:05", "PT1M5S\n", "PT\u0665S", 65, null, { toString() { return "PT1S"; } },
                "P" + "9".repeat(1000000) + "D"];
              const report = values.map(v => isoDuration(v) ?? "none");
            """);

        Assert.Equal(
            """[65,4.665,62.5,93600,1209600,30,3600,"none","none","none","none","none","none","none","none","none","none","none","none","none","none"]""",
            Text(report));
    }

    [Fact]
    public async Task RetryAfter_reads_delay_seconds_and_every_HTTP_date_form_measured_from_the_answers_Date()
    {
        var report = await ReportAsync("""
              const date = "Fri, 04 Dec 2026 22:00:00 GMT";
              const report = [
                retryAfter({ headers: { "retry-after": "120" } }),
                retryAfter({ headers: { "retry-after": " 7 " } }),
                retryAfter({ headers: { "retry-after": "Fri, 04 Dec 2026 22:02:00 GMT", date } }),
                retryAfter({ headers: { "retry-after": "Friday, 04-Dec-26 22:02:00 GMT", date } }),
                retryAfter({ headers: { "retry-after": "Fri Dec  4 22:02:00 2026", date } }),
              ];
            """);

        Assert.Equal("[120,7,120,120,120]", Text(report));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("86400")]
    [InlineData("99999999999999999999999")]
    [InlineData("Fri, 04 Dec 2026 21:59:00 GMT")]
    [InlineData("Sat, 05 Dec 2026 22:00:00 GMT")]
    public async Task RetryAfter_is_undefined_for_a_malformed_zero_past_or_day_long_wait(string header)
    {
        var report = await ReportAsync($$"""
              const report = retryAfter({ headers: { "retry-after": {{JsonSerializer.Serialize(header)}}, date: "Fri, 04 Dec 2026 22:00:00 GMT" } }) === undefined;
            """);

        Assert.True(report.GetBoolean(), header);
    }

    [Fact]
    public async Task RetryAfter_reads_only_own_data_headers_so_getters_prototypes_and_odd_arguments_change_nothing()
    {
        var report = await ReportAsync("""
              let ran = 0;
              Object.prototype["retry-after"] = "30";
              const inherited = retryAfter({ headers: {} });
              const viaPrototypeHeaders = retryAfter(Object.create({ headers: { "retry-after": "30" } }));
              delete Object.prototype["retry-after"];
              const getter = retryAfter({ headers: { get "retry-after"() { ran++; return "30"; } } });
              const trapped = retryAfter({ headers: new Proxy({ "retry-after": "30" }, { get() { ran++; return "30"; } }) });
              const odd = [retryAfter(), retryAfter(null), retryAfter("120"), retryAfter({ headers: "120" }),
                retryAfter({ headers: { "retry-after": 120 } }), retryAfter({ headers: { "retry-after": "9".repeat(1000000) } })];
              const report = [inherited, viaPrototypeHeaders, getter, trapped, ...odd].map(v => v ?? "none").concat([ran]);
            """);

        // The proxy's own property is read through its (absent) getOwnPropertyDescriptor trap, never its get trap.
        Assert.Equal("""["none","none","none",30,"none","none","none","none","none","none",0]""", Text(report));
    }

    [Fact]
    public async Task RetryAfter_reads_a_real_429_answer_and_the_host_reads_it_the_same_way()
    {
        var report = await ReportAsync($$"""
              const response = await http.fetch("{{Site.Url("/api/busy")}}");
              const report = [response.status, retryAfter(response)];
            """);
        Assert.Equal("[429,120]", Text(report));

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => Harness.RunAsync($$"""
            async function extract() {
              return (await http.fetch("{{Site.Url("/api/busy")}}")).json();
            }
            """, new ScriptTestContext(Http)));
        Assert.Equal((ExtractionErrorKind.RateLimited, TimeSpan.FromSeconds(120)), (failure.Kind, failure.RetryAfter));
    }

    [Fact]
    public async Task A_helper_cannot_be_reassigned_or_changed_by_the_script()
    {
        var report = await ReportAsync("""
              const attempts = [() => { isObject = () => true; }, () => { httpsUrl.call = null; }, () => { positive.extra = 1; }];
              const report = {
                thrown: attempts.map(attempt => { try { attempt(); return "no"; } catch (e) { return e.name; } }),
                frozen: [isObject, positive, httpsUrl, isoDuration, retryAfter].every(Object.isFrozen),
                still: isObject([]),
              };
            """);

        Assert.Equal("""{"thrown":["TypeError","TypeError","TypeError"],"frozen":true,"still":false}""", Text(report));
    }

    [Fact]
    public async Task A_script_written_for_SDK_1_0_that_declares_its_own_helper_loads_and_changes_it_for_its_own_run_only()
    {
        var own = await Harness.RunAsync("""
            function isObject(value) { return "mine"; }
            function httpsUrl(value) { return value; }
            function extract() {
              return { id: String(isObject([])), items: [{ formats: [{ url: httpsUrl("http://cdn.example.com/v.mp4") }] }] };
            }
            """, new ScriptTestContext(Http));
        Assert.Equal(("mine", new Uri("http://cdn.example.com/v.mp4")), (own.Post!.Id, own.Post.Items[0].Formats[0].Url));

        var next = await ReportAsync("""
              const report = [isObject([]), httpsUrl("http://cdn.example.com/v.mp4") === undefined];
            """);
        Assert.Equal("[false,true]", Text(next));
    }

    [Fact]
    public void A_Retry_After_date_without_the_answers_Date_is_measured_from_the_hosts_clock()
    {
        var now = new DateTimeOffset(2026, 12, 4, 22, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(90), ScriptValues.RetryAfter("Fri, 04 Dec 2026 22:01:30 GMT", date: null, now));
        Assert.Equal(TimeSpan.FromSeconds(90), ScriptValues.RetryAfter("Fri, 04 Dec 2026 22:01:30 GMT", date: "not a date", now));
        Assert.Null(ScriptValues.RetryAfter("Fri, 04 Dec 2026 21:59:30 GMT", date: null, now));
    }
}
