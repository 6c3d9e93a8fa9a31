namespace VideoBot.Tests.Support;

public sealed class RedisServerTests
{
    [Fact]
    public async Task A_real_redis_server_starts_on_loopback_and_stores_a_value()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = connection.GetDatabase();

        await db.StringSetAsync("videobot:probe", "ok");

        Assert.Equal("ok", (string?)await db.StringGetAsync("videobot:probe"));
    }
}
