namespace VideoBot.FakeTelegram.Api;

/// <summary>A file part of a multipart/form-data request: its form field name, file name and bytes.</summary>
internal sealed record UploadedFile(string FieldName, string FileName, string? ContentType, byte[] Bytes);
