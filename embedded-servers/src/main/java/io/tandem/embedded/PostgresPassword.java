package io.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The durable server's password (security review L10): generated on first start into a file only its owner can
 * read, next to the cluster's directory, and required from every connection once {@code pg_hba.conf} says so. A
 * cluster made before (trust authentication) gets both on its next start.
 */
final class PostgresPassword {

    private static final String HBA = """
            # Written by Tandem: every connection needs the password kept in %s
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private PostgresPassword() {
    }

    static Path fileFor(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-password");
    }

    /** The password kept in {@code file}, made (URL-safe base64 of 24 random bytes) if there is none yet. */
    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalStateException(file + " is not a regular file (a link?)");
                }
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".postgres-password-", ".tmp",
                                                PosixFilePermissions.asFileAttribute(
                                                        PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(written, password, StandardCharsets.US_ASCII);
                Files.move(written, file);
            } finally {
                Files.deleteIfExists(written);
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the PostgreSQL password file " + file, e);
        }
    }

    /**
     * Sets the superuser's password and, unless done already, requires it in {@code pg_hba.conf} and reloads the
     * configuration. Idempotent, so it runs on every start.
     */
    static void require(Connection superuser, Path dataDirectory, String password, Path passwordFile)
            throws SQLException {
        try (Statement sql = superuser.createStatement()) {
            // a generated base64url password: nothing in it needs quoting
            sql.execute("ALTER USER " + superuser.getMetaData().getUserName() + " PASSWORD '" + password + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            String wanted = HBA.formatted(passwordFile.toAbsolutePath());
            if (!wanted.equals(Files.readString(hba, StandardCharsets.UTF_8))) {
                Files.writeString(hba, wanted, StandardCharsets.UTF_8);
                sql.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dataDirectory.resolve("pg_hba.conf"), e);
        }
    }
}
