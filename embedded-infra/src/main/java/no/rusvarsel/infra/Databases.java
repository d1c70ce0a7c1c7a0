package no.rusvarsel.infra;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** Creates a service's database on a PostgreSQL server if it does not exist yet. */
final class Databases {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Databases() {
    }

    static void ensure(String adminJdbcUrl, String user, String password, String database) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("invalid database name: " + database);
        }
        try (var connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                // another caller created it in the meantime
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }
}
