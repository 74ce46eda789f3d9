package io.tandem.platform.jdbc;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The database's part of {@code /actuator/health}, answered within {@link #TIMEOUT} whatever the database does. Boot's
 * own check borrows a connection from the application's pool, so while the database is frozen it waits behind every
 * stuck request and the health endpoint does not answer at all. This one opens a connection of its own, with short
 * connect and read timeouts, in a thread of its own that it stops waiting for after {@link #TIMEOUT}.
 */
final class DatabaseHealthIndicator implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String DRIVER_TIMEOUT_SECONDS = "2";

    private final String url;
    private final Properties connectionProperties = new Properties();

    DatabaseHealthIndicator(String url, String username, String password) {
        this.url = url;
        if (username != null) {
            connectionProperties.setProperty("user", username);
        }
        if (password != null) {
            connectionProperties.setProperty("password", password);
        }
        connectionProperties.setProperty("connectTimeout", DRIVER_TIMEOUT_SECONDS);
        connectionProperties.setProperty("loginTimeout", DRIVER_TIMEOUT_SECONDS);
        connectionProperties.setProperty("socketTimeout", DRIVER_TIMEOUT_SECONDS);
        connectionProperties.setProperty("ApplicationName", "tandem-health");
    }

    @Override
    public Health health() {
        CompletableFuture<Void> check = CompletableFuture.runAsync(this::selectOne, runnable -> {
            Thread thread = new Thread(runnable, "database-health");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            check.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + TIMEOUT.toSeconds() + " s").build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private void selectOne() {
        try (Connection connection = DriverManager.getConnection(url, connectionProperties)) {
            connection.createStatement().execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
