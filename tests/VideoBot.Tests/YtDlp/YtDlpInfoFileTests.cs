using System.Text;
using System.Text.Json;
using VideoBot.Host.YtDlp;

namespace VideoBot.Tests.YtDlp;

/// <summary>Which part of a <c>-J</c> document a download loads.</summary>
public sealed class YtDlpInfoFileTests
{
    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static JsonElement Read(byte[]? bytes) => JsonDocument.Parse(Assert.IsType<byte[]>(bytes)).RootElement;

    [Fact]
    public void A_single_video_is_loaded_whole_but_for_the_page_url_yt_dlp_would_extract_again_on_a_failure()
    {
        var info = Bytes("""{"id":"a","title":"A","webpage_url":"https://site.example/a","formats":[{"format_id":"1","url":"https://cdn.example/a.mp4"}]}""");

        var loaded = Read(YtDlpInfoFile.For(info, new Uri("https://cdn.example/a.mp4")));

        Assert.Equal("a", loaded.GetProperty("id").GetString());
        Assert.Equal("https://cdn.example/a.mp4", loaded.GetProperty("formats")[0].GetProperty("url").GetString());
        Assert.False(loaded.TryGetProperty("webpage_url", out _));
    }

    [Fact]
    public void An_album_item_is_loaded_as_the_one_entry_that_lists_the_chosen_format()
    {
        var info = Bytes("""
            {"_type":"playlist","id":"p","entries":[
              {"id":"e1","formats":[{"format_id":"1","url":"https://cdn.example/1.mp4"}]},
              null,
              {"_type":"playlist","entries":[{"id":"e2","url":"https://cdn.example/2.mp4","webpage_url":"https://site.example/p"}]}
            ]}
            """);

        Assert.Equal("e1", Read(YtDlpInfoFile.For(info, new Uri("https://cdn.example/1.mp4"))).GetProperty("id").GetString());
        var second = Read(YtDlpInfoFile.For(info, new Uri("https://cdn.example/2.mp4")));
        Assert.Equal("e2", second.GetProperty("id").GetString());
        Assert.False(second.TryGetProperty("webpage_url", out _));
        Assert.Null(YtDlpInfoFile.For(info, new Uri("https://cdn.example/3.mp4")));
    }

    [Theory]
    [InlineData("""{"_type":"url","url":"https://elsewhere.example/x"}""")]
    [InlineData("""{"_type":"url_transparent","url":"https://elsewhere.example/x"}""")]
    [InlineData("""[{"id":"a"}]""")]
    [InlineData("""not json""")]
    public void A_document_that_is_not_a_described_video_is_not_loaded_and_the_download_starts_from_the_link(string json) =>
        Assert.Null(YtDlpInfoFile.For(Bytes(json), new Uri("https://elsewhere.example/x")));
}
