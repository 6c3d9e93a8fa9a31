using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// Reads the parameters of a Bot API call from the query string and the body, as the real server does:
/// application/json, application/x-www-form-urlencoded and multipart/form-data bodies are all accepted.
/// </summary>
internal static class ApiRequestReader
{
    public static async Task<ApiParameters> ReadAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }

        if (request.ContentLength > maxBodyBytes)
        {
            // Drain what was sent so the client reads our answer instead of a reset connection.
            await request.Body.CopyToAsync(Stream.Null, cancellationToken);
            throw ApiErrors.RequestEntityTooLarge();
        }

        var body = await ReadBodyAsync(request.Body, maxBodyBytes, cancellationToken);
        if (body.Length == 0)
        {
            return new ApiParameters(values, files);
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed : null;
        var type = mediaType?.MediaType.Value?.ToLowerInvariant();
        switch (type)
        {
            case "application/json":
                ReadJson(body, values);
                break;
            case "multipart/form-data":
                await ReadMultipartAsync(body, HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value ?? "", values, files, cancellationToken);
                break;
            default:
                // The real server treats anything else as a urlencoded form.
                foreach (var (key, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
                {
                    values[key] = value.ToString();
                }

                break;
        }

        return new ApiParameters(values, files);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long maxBodyBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        var tooLarge = false;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // A chunked body has no Content-Length: count as it comes, and keep draining once over the limit.
            if (buffer.Length + read > maxBodyBytes)
            {
                tooLarge = true;
            }

            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return tooLarge ? throw ApiErrors.RequestEntityTooLarge() : buffer.ToArray();
    }

    private static void ReadJson(byte[] body, Dictionary<string, string> values)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw ApiErrors.BadRequest("can't parse JSON encoded request");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.BadRequest("JSON request body must be an object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        break;
                    case JsonValueKind.String:
                        values[property.Name] = property.Value.GetString()!;
                        break;
                    default:
                        values[property.Name] = property.Value.GetRawText();
                        break;
                }
            }
        }
    }

    private static async Task ReadMultipartAsync(
        byte[] body, string boundary, Dictionary<string, string> values, Dictionary<string, UploadedFile> files, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(body)) { BodyLengthLimit = null, HeadersLengthLimit = 64 * 1024 };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content, cancellationToken);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (fileName is not null)
            {
                files[name] = new UploadedFile(name, DecodeFileName(fileName), section.ContentType, content.ToArray());
            }
            else
            {
                values[name] = Encoding.UTF8.GetString(content.ToArray());
            }
        }
    }

    // Clients such as Telegram.Bot put UTF-8 bytes into the header as Latin-1 characters; undo that when it fits.
    private static string DecodeFileName(string fileName)
    {
        if (fileName.Any(c => c > 0xFF) || !fileName.Any(c => c > 0x7F))
        {
            return fileName;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(Encoding.Latin1.GetBytes(fileName));
        }
        catch (DecoderFallbackException)
        {
            return fileName;
        }
    }
}
