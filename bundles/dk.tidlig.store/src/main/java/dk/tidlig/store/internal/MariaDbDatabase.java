// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.mariadb.jdbc.MariaDbDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dk.tidlig.store.Database;
import dk.tidlig.store.StoreException;

/**
 * The MariaDB database: Connector/J's data source pooled by HikariCP, migrated by Flyway when it starts. (Not
 * Connector/J's own pool: it can lose a connection for good when one is handed back while another thread waits for
 * one, and under concurrent requests during a delivery it ran dry and never recovered.)
 */
@Component(service = Database.class, configurationPid = MariaDbDatabase.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MariaDbDatabase.Config.class)
public class MariaDbDatabase implements Database {

    static final String PID = "dk.tidlig.store";
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDatabase.class);

    @ObjectClassDefinition(name = "tidlig database", description = "The MariaDB database tidlig keeps everything in.")
    public @interface Config {
        @AttributeDefinition(name = "JDBC URL", description = "e.g. jdbc:mariadb://db.kommune.local:3306/tidlig")
        String url();

        @AttributeDefinition(name = "User")
        String user() default "tidlig";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
        String _password() default "";

        @AttributeDefinition(name = "Pool size", description = "Largest number of connections held open.")
        int poolSize() default 8;

        @AttributeDefinition(name = "Migrate schema on start",
                description = "Run the schema migrations when tidlig starts. Turn off where a DBA migrates by hand.")
        boolean migrate() default true;
    }

    private final HikariDataSource pool;
    private final String description;
    private final String schemaVersion;

    @Activate
    public MariaDbDatabase(Config config) {
        this(config.url(), config.user(), config._password(), config.poolSize(), config.migrate());
    }

    public MariaDbDatabase(String url, String user, String password, int poolSize, boolean migrate) {
        HikariDataSource created = null;
        try {
            MariaDbDataSource driver = new MariaDbDataSource();
            driver.setUser(user);
            driver.setPassword(password == null ? "" : password);
            driver.setUrl(withDefaults(url));
            HikariConfig hikari = new HikariConfig();
            hikari.setDataSource(driver);
            hikari.setPoolName("tidlig");
            hikari.setMaximumPoolSize(Math.max(1, poolSize));
            hikari.setMinimumIdle(Math.min(2, Math.max(1, poolSize)));
            hikari.setConnectionTimeout(10_000);
            hikari.setRegisterMbeans(false);
            // the first connection is made below, with a clear error when it fails; the pool does not try on its own first
            hikari.setInitializationFailTimeout(-1);
            created = new HikariDataSource(hikari);
            try (Connection c = created.getConnection()) {
                description = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion()
                        + " at " + withoutQuery(url);
            }
        } catch (SQLException e) {
            if (created != null) {
                created.close(); // or the pool keeps trying to connect in the background
            }
            throw new StoreException("connecting to " + withoutQuery(url), e);
        }
        pool = created;
        Flyway flyway = Flyway.configure(MariaDbDatabase.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:dk/tidlig/store/migration")
                .failOnMissingLocations(true)
                .load();
        if (migrate) {
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Migrated the schema from {} to {}", result.initialSchemaVersion, result.targetSchemaVersion);
            }
        }
        var current = flyway.info().current();
        schemaVersion = current == null ? "none" : current.getVersion().getVersion();
        LOG.info("Database {} at schema version {}", description, schemaVersion);
    }

    static String withDefaults(String url) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (String option : new String[] {"useBulkStmts=true", "connectTimeout=5000"}) {
            String name = option.substring(0, option.indexOf('='));
            if (!url.contains(name + "=")) {
                sb.append(sep).append(option);
                sep = '&';
            }
        }
        return sb.toString();
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String describe() {
        return description;
    }

    @Deactivate
    public void close() {
        pool.close();
    }
}
