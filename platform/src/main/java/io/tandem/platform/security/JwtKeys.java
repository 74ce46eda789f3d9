package io.tandem.platform.security;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Resolves the HMAC key that signs and verifies every access token. */
final class JwtKeys {

    private static final int MINIMUM_KEY_BYTES = 32;

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

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            byte[] key = new byte[MINIMUM_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, encoded, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system cannot restrict it further; the data directory's own permissions apply
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the JWT secret file " + file, e);
        }
    }
}
