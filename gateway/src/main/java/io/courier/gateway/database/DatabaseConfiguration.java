package io.courier.gateway.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.courier.gateway.config.CourierProperties;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

/**
 * One PostgreSQL database for everything: Axon's event, token and saga stores and the command-side
 * tables over JDBC; the read models over R2DBC. It is the one in {@code DATABASE_URL}, or an
 * embedded server when that is unset. Both pools hold up to {@code POOL_SIZE} connections.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /**
     * No statement runs longer: a database that hangs fails the request instead of holding a thread and
     * a connection forever. Generous, as migrations run through the same pool.
     */
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServerHolder embeddedPostgres(CourierProperties properties) {
        if (properties.database().isPresent()) {
            return EmbeddedPostgresServerHolder.none();
        }
        CourierProperties.EmbeddedDatabase embedded = properties.embeddedDatabase();
        return EmbeddedPostgresServerHolder.of(EmbeddedPostgresServer.start(embedded.directory(), embedded.port()));
    }

    @Bean
    DatabaseUrl databaseUrl(CourierProperties properties, EmbeddedPostgresServerHolder embedded) {
        return properties.database().orElseGet(() -> embedded.server().orElseThrow().url());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseUrl url, CourierProperties properties) {
        return pool(url, "courier-jdbc", properties.poolSize());
    }

    /** A JDBC pool on the database, with the statement timeout every connection gets. */
    public static HikariDataSource pool(DatabaseUrl url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.username());
        config.setPassword(url.password());
        config.setMaximumPoolSize(size);
        config.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }

    /** Axon's unit of work runs in this transaction: event append and command-side table writes commit together. */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseUrl url, CourierProperties properties) {
        PostgresqlConnectionConfiguration.Builder connection = PostgresqlConnectionConfiguration.builder()
                .host(url.host())
                .port(url.port())
                .database(url.database())
                .username(url.username())
                .applicationName("courier-r2dbc")
                // results in binary: a history page decoded its timestamps and ids from text, which was a tenth of
                // the CPU of reading one (DateTimeFormatter.parse per row)
                .forceBinary(true)
                .options(Map.of("statement_timeout", Long.toString(STATEMENT_TIMEOUT.toMillis())));
        if (url.password() != null) {
            connection.password(url.password());
        }
        String sslMode = url.parameters().get("sslmode");
        if (sslMode != null) {
            connection.sslMode(io.r2dbc.postgresql.client.SSLMode.fromValue(sslMode));
        }
        return new ConnectionPool(ConnectionPoolConfiguration
                .builder(new PostgresqlConnectionFactory(connection.build()))
                .name("courier-r2dbc")
                .maxSize(properties.poolSize())
                .initialSize(Math.min(2, properties.poolSize()))
                .build());
    }
}
