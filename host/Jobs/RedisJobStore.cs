using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Jobs;

/// <summary>
/// The job queue in Redis (when <c>Cache:Redis</c> is set), shared by every instance. A job is a hash
/// (<c>videobot:job:{id}</c>), its lease a key with an expiry (<c>...:lease</c>, the holder's instance id), the open jobs a set.
/// Adding is one transaction conditioned on the hash not existing, so of two instances handed the same update one wins.
/// </summary>
internal sealed class RedisJobStore(IConnectionMultiplexer redis, IOptions<JobsOptions> options) : IJobStore
{
    private const string OpenSet = CachingServices.RedisPrefix + "jobs:open";

    // Only the holder may extend or drop its lease: compare and act in one step.
    private static readonly LuaScript Renew = LuaScript.Prepare(
        "if redis.call('get', @lease) == @owner then return redis.call('pexpire', @lease, @ms) else return 0 end");

    private static readonly LuaScript Drop = LuaScript.Prepare(
        "if redis.call('get', @lease) == @owner then return redis.call('del', @lease) else return 0 end");

    private IDatabase Db => redis.GetDatabase();

    public Task<bool> TryAddAsync(JobRecord job, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.KeyNotExists(JobKey(job.Id)));
            _ = transaction.HashSetAsync(JobKey(job.Id), [new("payload", JobJson.Write(job)), new("done", 0), new("attempts", 1), new("finished", 0)]);
            _ = transaction.SetAddAsync(OpenSet, job.Id);
            _ = transaction.StringSetAsync(LeaseKey(job.Id), owner, lease);
            return await transaction.ExecuteAsync();
        });

    public Task<bool> RenewAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        RunAsync(async () => (int)await Db.ScriptEvaluateAsync(Renew, new { lease = (RedisKey)LeaseKey(id), owner, ms = (long)lease.TotalMilliseconds }) == 1);

    public Task ProgressAsync(string id, int done, CancellationToken cancellationToken) =>
        RunAsync(() => Db.HashSetAsync(JobKey(id), "done", done));

    public Task SetStatusMessageAsync(string id, int? messageId, CancellationToken cancellationToken) =>
        RunAsync(() => Db.HashSetAsync(JobKey(id), "status", messageId ?? 0));

    public Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken) =>
        RunAsync(() => Db.ScriptEvaluateAsync(Drop, new { lease = (RedisKey)LeaseKey(id), owner }));

    public Task FinishAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var transaction = Db.CreateTransaction();
            _ = transaction.HashSetAsync(JobKey(id), "finished", 1);
            _ = transaction.KeyExpireAsync(JobKey(id), TimeSpan.FromHours(options.Value.KeepFinishedHours));
            _ = transaction.SetRemoveAsync(OpenSet, id);
            _ = transaction.KeyDeleteAsync(LeaseKey(id));
            return await transaction.ExecuteAsync();
        });

    public Task<IReadOnlyList<JobRecord>> ClaimOrphansAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<JobRecord>>(async () =>
        {
            var db = Db;
            var claimed = new List<JobRecord>();
            foreach (var member in await db.SetMembersAsync(OpenSet))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = member.ToString();
                if (!await db.StringSetAsync(LeaseKey(id), owner, lease, When.NotExists))
                {
                    continue;
                }

                var fields = (await db.HashGetAllAsync(JobKey(id))).ToDictionary(f => f.Name.ToString(), f => f.Value);
                if (!fields.TryGetValue("payload", out var payload) || fields.GetValueOrDefault("finished") == 1)
                {
                    // Finished between the two reads, or expired: not an orphan after all.
                    await db.SetRemoveAsync(OpenSet, id);
                    await db.KeyDeleteAsync(LeaseKey(id));
                    continue;
                }

                var attempts = (int)await db.HashIncrementAsync(JobKey(id), "attempts");
                var status = (int)fields.GetValueOrDefault("status", 0);
                claimed.Add(JobJson.Read(payload.ToString(), (int)fields.GetValueOrDefault("done", 0), attempts) with
                {
                    StatusMessageId = status != 0 ? status : null,
                });
            }

            return claimed;
        });

    public Task<long> CountOpenAsync(CancellationToken cancellationToken) => RunAsync(() => Db.SetLengthAsync(OpenSet));

    private static string JobKey(string id) => CachingServices.RedisPrefix + "job:" + id;

    private static string LeaseKey(string id) => JobKey(id) + ":lease";

    private static async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new JobStoreException($"The job queue in Redis failed: {e.Message}", e);
        }
    }

    private static async Task RunAsync(Func<Task> work) => await RunAsync(async () =>
    {
        await work();
        return true;
    });
}
