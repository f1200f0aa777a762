using System.Net.Sockets;
using Npgsql;
using OverdueSmsPortal.IntegrationTests.Support;

namespace OverdueSmsPortal.IntegrationTests.Persistence;

/// <summary>
/// scripts/postgres/start.sh and stop.sh, which the PostgreSQL tests and benchmarks run on: a real
/// server of its own on loopback that takes only its random password, and nothing left once stopped.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_started_server_listens_on_loopback_only_and_takes_only_its_own_password()
    {
        await using var server = await PostgresServer.StartAsync();

        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW listen_addresses", connection);
            Assert.Equal("127.0.0.1", await command.ExecuteScalarAsync());
            command.CommandText = "SHOW server_encoding";
            Assert.Equal("UTF8", await command.ExecuteScalarAsync());
        }

        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = "not-" + server.Password, Pooling = false };
        await using var intruder = new NpgsqlConnection(wrong.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => intruder.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    [Fact]
    public async Task A_stopped_server_no_longer_answers_and_its_folder_goes_on_dispose()
    {
        var server = await PostgresServer.StartAsync();
        var folder = server.Folder;
        try
        {
            await server.StopAsync();

            NpgsqlConnection.ClearAllPools();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var closed = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync("127.0.0.1", server.Port));
            Assert.Equal(SocketError.ConnectionRefused, closed.SocketErrorCode);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(Directory.Exists(folder));
    }
}
