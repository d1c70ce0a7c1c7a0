package no.rusvarsel.infra;

/** A running PostgreSQL server; each service gets a database of its own on it. */
public interface PostgresServer extends AutoCloseable {

    /** JDBC URL of the named database, created if it does not exist yet. */
    String jdbcUrl(String database);

    String username();

    String password();

    int port();

    @Override
    void close();
}
