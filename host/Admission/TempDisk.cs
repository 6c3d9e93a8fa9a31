using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;

namespace VideoBot.Host.Admission;

/// <summary>
/// The temporary folder jobs download into (<see cref="HostPaths.TempDirectory"/>): how much it holds, whether a new job may
/// start (<c>Limits:TempQuotaMb</c>, <c>Limits:MinFreeDiskMb</c>), and the removal of an earlier run's leftovers.
/// </summary>
internal sealed class TempDisk(HostPaths paths, IOptions<LimitsOptions> limits, ILogger<TempDisk> logger)
{
    public string Directory => paths.TempDirectory;

    /// <summary>Bytes in the temporary folder now (files that vanish while counting are skipped).</summary>
    public long UsedBytes()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*", options))
        {
            try
            {
                total += file.Length;
            }
            catch (IOException)
            {
                // Removed by its job meanwhile.
            }
        }

        return total;
    }

    /// <summary>Free bytes on the disk holding the temporary folder, or null when it cannot be told.</summary>
    public long? FreeBytes()
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            return new DriveInfo(Directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Why no job may start now, or null when one may.</summary>
    public string? Problem()
    {
        var settings = limits.Value;
        if (settings.TempQuotaBytes is { } quota && UsedBytes() is var used && used >= quota)
        {
            return $"the temporary folder holds {used} bytes, at or over its quota of {quota}";
        }

        if (settings.MinFreeDiskMb > 0 && FreeBytes() is { } free && free < settings.MinFreeDiskMb * 1024L * 1024L)
        {
            return $"only {free} bytes are free on the temporary folder's disk, under the {settings.MinFreeDiskMb} MB minimum";
        }

        return null;
    }

    /// <summary>Refuses a job while the disk is over its limits.</summary>
    /// <exception cref="LimitRefusal">Over the quota, or short of free space.</exception>
    public void Admit()
    {
        if (Problem() is { } problem)
        {
            LimitsLog.DiskRefused(logger, problem);
            throw new LimitRefusal(LimitRefusal.DiskFull, TimeSpan.FromMinutes(5), problem);
        }
    }

    /// <summary>
    /// Removes everything in the temporary folder: at start no job runs, so whatever is there was left by a run that was killed.
    /// </summary>
    public void RemoveLeftovers()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        var removed = 0;
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos())
        {
            try
            {
                if (entry is DirectoryInfo directory && !entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }

                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LimitsLog.LeftoverNotRemoved(logger, e, entry.FullName);
            }
        }

        if (removed > 0)
        {
            LimitsLog.LeftoversRemoved(logger, removed, Directory);
        }
    }
}
