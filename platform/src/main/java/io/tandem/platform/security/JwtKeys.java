package io.tandem.platform.security;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Resolves the HMAC key that signs and verifies every access token. */
final class JwtKeys {

    private static final int MINIMUM_KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtKeys() {
    }

    static SecretKey signingKey(JwtProperties properties) {
        String secret = properties.secret();
        if (secret == null || secret.isBlank()) {
            if (properties.secretFile() == null) {
                throw new IllegalStateException(
                        "No JWT key: set TANDEM_SECURITY_JWT_SECRET to the base64 of at least 32 random bytes "
                        + "(openssl rand -base64 32), the same value on every side");
            }
            secret = readOrCreate(properties.secretFile());
        }
        byte[] key = Base64.getDecoder().decode(secret.trim());
        if (key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalStateException("The JWT secret must decode to at least 32 bytes, it has " + key.length);
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The key file is only ever a regular file that only its owner may read (security review L10): it is written to
     * a new file created with those permissions and then moved into place, which never follows a link someone
     * planted there; a link or a file others may read is refused rather than used.
     */
    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return readOwnerOnly(file);
            }
            byte[] key = new byte[MINIMUM_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = createOwnerOnly(directory);
            try {
                Files.writeString(written, encoded, StandardCharsets.US_ASCII);
                // no REPLACE_EXISTING: whatever appeared there meanwhile, link included, makes this fail
                Files.move(written, file);
            } finally {
                Files.deleteIfExists(written);
            }
            return encoded;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the JWT secret file " + file + ": " + e, e);
        }
    }

    private static String readOwnerOnly(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("The JWT secret file " + file + " is not a regular file (a link?)");
        }
        if (supportsPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            throw new IllegalStateException("The JWT secret file " + file + " may be read by others: chmod 600 it");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static Path createOwnerOnly(Path directory) throws IOException {
        if (supportsPosix(directory)) {
            return Files.createTempFile(directory, ".jwt-secret-", ".tmp",
                                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        // the file system cannot restrict it further; the data directory's own permissions apply
        return Files.createTempFile(directory, ".jwt-secret-", ".tmp");
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
