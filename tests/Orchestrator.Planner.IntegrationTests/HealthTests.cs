extern alias planner;

using System.Net;
using Npgsql;
using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary><c>/health</c> follows PostgreSQL (the check comes with Aspire.Npgsql) while <c>/alive</c> only proves the process answers.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class HealthTests(InfrastructureFixture fixture)
{
    [Fact]
    public async Task Health_is_unhealthy_while_the_database_refuses_connections_and_healthy_again_after()
    {
        var database = await fixture.Infrastructure.CreateDatabaseAsync("health");
        await using var host = new ServiceHost<planner::Program>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = database,
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
        });
        using var client = host.StartClient();
        using (var healthy = await client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await AdministerAsync(database, $"alter database \"{name}\" allow_connections false; select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}'");
        try
        {
            await Eventually.GetAsync(async () =>
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.Content.ReadAsStringAsync() : null;
            }, TimeSpan.FromSeconds(20), "/health to report the database unreachable");
            using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        finally
        {
            await AdministerAsync(database, $"alter database \"{name}\" allow_connections true");
        }

        await Eventually.GetAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? "" : null;
        }, TimeSpan.FromSeconds(20), "/health to recover with the database");
    }

    private static async Task AdministerAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
