using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.State;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>
/// Resolves an InputFile parameter the three ways the Bot API allows: an uploaded multipart part (directly under the
/// parameter's name, or referenced as <c>attach://name</c>), an HTTP URL (stored as a URL file, never fetched), or
/// the file_id of a file sent before.
/// </summary>
internal static class InputFiles
{
    public static StoredFile Resolve(FakeContext context, ApiParameters p, string value, UploadedFile? direct, string kind, int? width = null, int? height = null, int? duration = null)
    {
        var upload = direct;
        if (upload is null && value.StartsWith("attach://", StringComparison.Ordinal))
        {
            upload = p.File(value["attach://".Length..]) ?? throw ApiErrors.WrongFileId();
        }

        if (upload is not null)
        {
            if (upload.Bytes.Length == 0)
            {
                throw ApiErrors.BadRequest("file must be non-empty");
            }

            var size = kind is "photo" or "thumbnail" ? ImageSize.Read(upload.Bytes) : null;
            return context.State.AddFile(kind, upload.Bytes, null, FileNameOf(upload, kind), upload.ContentType is "application/octet-stream" ? MimeOf(upload.FileName, kind) : upload.ContentType ?? MimeOf(upload.FileName, kind),
                size?.Width ?? width, size?.Height ?? height, duration);
        }

        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return context.State.AddFile(kind, null, value, Path.GetFileName(new Uri(value).AbsolutePath), MimeOf(value, kind), width, height, duration);
        }

        var existing = context.State.File(value) ?? throw ApiErrors.WrongFileId();
        return Compatible(existing.Kind, kind) ? existing : throw ApiErrors.FileTypeMismatch();
    }

    /// <summary>The file of a sendXxx call's main parameter (video, photo...), or "there is no video in the request".</summary>
    public static StoredFile FromParameter(FakeContext context, ApiParameters p, string name, int? width, int? height, int? duration)
    {
        var direct = p.File(name);
        var value = p.String(name) ?? "";
        if (direct is null && value.Length == 0)
        {
            throw ApiErrors.BadRequest($"there is no {name} in the request");
        }

        return Resolve(context, p, value, direct, name, width, height, duration);
    }

    /// <summary>An optional thumbnail: only a new upload counts, as in the Bot API.</summary>
    public static StoredFile? Thumbnail(FakeContext context, ApiParameters p, string? value)
    {
        var direct = p.File("thumbnail") ?? p.File("thumb");
        if (direct is null && (value is null || !value.StartsWith("attach://", StringComparison.Ordinal)))
        {
            return null;
        }

        return Resolve(context, p, value ?? "", direct, "thumbnail");
    }

    private static bool Compatible(string stored, string wanted) =>
        stored == wanted || (wanted == "document" && stored is "video" or "animation" or "audio" or "document");

    private static string FileNameOf(UploadedFile upload, string kind) =>
        upload.FileName.Length > 0 && upload.FileName != upload.FieldName ? upload.FileName : kind switch
        {
            "video" or "animation" => "video.mp4",
            "photo" or "thumbnail" => "photo.jpg",
            "audio" => "audio.mp3",
            _ => "file",
        };

    private static string MimeOf(string name, string kind) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".webm" => "video/webm",
        ".mov" => "video/quicktime",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".mp3" => "audio/mpeg",
        ".m4a" => "audio/mp4",
        ".ogg" => "audio/ogg",
        _ => kind switch
        {
            "video" or "animation" => "video/mp4",
            "photo" or "thumbnail" => "image/jpeg",
            "audio" => "audio/mpeg",
            _ => "application/octet-stream",
        },
    };
}
