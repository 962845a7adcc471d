package io.tlsuite.ca.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CA's database: the PostgreSQL datasource when it is active (deployments, tests), else the
 * embedded H2 one. Both are declared at build time; {@code quarkus.datasource."name".active}
 * chooses at run time.
 */
@ApplicationScoped
public class CaDatabase {

    private final AgroalDataSource dataSource;
    private final String name;

    CaDatabase(
            @DataSource("postgresql") Instance<AgroalDataSource> postgresql,
            @DataSource("h2") Instance<AgroalDataSource> h2,
            @ConfigProperty(name = "quarkus.datasource.postgresql.active", defaultValue = "false")
                    boolean postgresqlActive) {
        this.dataSource = postgresqlActive ? postgresql.get() : h2.get();
        this.name = postgresqlActive ? "postgresql" : "h2";
    }

    /** A connection, enlisted in the current transaction if there is one. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** {@code postgresql} or {@code h2}. */
    public String name() {
        return name;
    }
}
