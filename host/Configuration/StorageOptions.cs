using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>Where the host keeps its state. Section <c>Storage</c>.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and temporary downloads. Default <c>data</c>, relative to the config file's folder.</summary>
    [Required]
    public string Directory { get; set; } = "data";
}
