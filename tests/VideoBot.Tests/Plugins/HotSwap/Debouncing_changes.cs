using System.Collections.Concurrent;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;

namespace VideoBot.Tests.Plugins.HotSwap;

public sealed class Debouncing_changes
{
    [Fact]
    public async Task A_burst_of_changes_becomes_one_action_with_every_folder_named_once()
    {
        var calls = new ConcurrentQueue<IReadOnlyCollection<string>?>();
        using var debouncer = new Debouncer(TimeSpan.FromMilliseconds(200), keys =>
        {
            calls.Enqueue(keys is null ? null : [.. keys.Order(StringComparer.Ordinal)]);
            return Task.CompletedTask;
        });

        // Added in one go, far faster than the quiet period: a copy touching files of two folders.
        foreach (var key in new[] { "a", "b", "a", "a", "b" })
        {
            debouncer.Add(key);
        }

        await SwapHost.WaitUntilAsync(() => !calls.IsEmpty, "the action ran");
        await Task.Delay(500);

        var call = Assert.Single(calls);
        Assert.Equal(["a", "b"], call!);
    }

    [Fact]
    public async Task A_failed_action_keeps_its_folders_for_the_next_change()
    {
        var calls = new ConcurrentQueue<IReadOnlyCollection<string>?>();
        var fail = true;
        using var debouncer = new Debouncer(TimeSpan.FromMilliseconds(50), keys =>
        {
            calls.Enqueue(keys is null ? null : [.. keys.Order(StringComparer.Ordinal)]);
            if (fail)
            {
                fail = false;
                throw new IOException("the folder was busy");
            }

            return Task.CompletedTask;
        });

        debouncer.Add("a");
        await SwapHost.WaitUntilAsync(() => calls.Count == 1, "the first action ran");
        debouncer.Add("b");
        await SwapHost.WaitUntilAsync(() => calls.Count == 2, "the second action ran");

        Assert.Equal(["a", "b"], calls.Last()!);
    }

    [Fact]
    public async Task A_null_key_asks_for_every_folder()
    {
        var calls = new ConcurrentQueue<IReadOnlyCollection<string>?>();
        using var debouncer = new Debouncer(TimeSpan.FromMilliseconds(50), keys =>
        {
            calls.Enqueue(keys);
            return Task.CompletedTask;
        });

        debouncer.Add("a");
        debouncer.Add(null);

        await SwapHost.WaitUntilAsync(() => !calls.IsEmpty, "the action ran");
        Assert.Null(Assert.Single(calls));
    }
}
