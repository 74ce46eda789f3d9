package io.tandem.platform.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Security review L10: the generated signing key never lands anywhere but a file only its owner can read. */
class JwtKeysTest {

    private static JwtProperties withSecretFile(Path file) {
        return new JwtProperties(null, file, "tandem", Duration.ofMinutes(30), Duration.ofDays(7));
    }

    @Test
    void aGeneratedKeyIsKeptInAnOwnerOnlyFileAndReadBackOnTheNextStart(@TempDir Path data) throws Exception {
        Path file = data.resolve("jwt-secret");
        byte[] first = JwtKeys.signingKey(withSecretFile(file)).getEncoded();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(JwtKeys.signingKey(withSecretFile(file)).getEncoded()).isEqualTo(first);
        try (var leftovers = Files.list(data)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    /**
     * Whoever can write to the data directory could plant a link where the key is to go and read the key from
     * the file it points to, or point it at a key of their own choosing; the key file is never reached through a
     * link.
     */
    @Test
    void aLinkPlantedWhereTheKeyGoesIsRefused(@TempDir Path data) throws Exception {
        Path file = data.resolve("jwt-secret");
        Path attackers = data.resolve("attackers-copy");
        Files.createSymbolicLink(file, attackers);

        assertThatThrownBy(() -> JwtKeys.signingKey(withSecretFile(file))).isInstanceOf(IllegalStateException.class)
                                                                          .hasMessageContaining("jwt-secret");
        assertThat(attackers).doesNotExist();

        Files.writeString(attackers, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=");
        assertThatThrownBy(() -> JwtKeys.signingKey(withSecretFile(file))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyFileOthersCanReadIsRefused(@TempDir Path data) throws Exception {
        Path file = data.resolve("jwt-secret");
        Files.writeString(file, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> JwtKeys.signingKey(withSecretFile(file))).isInstanceOf(IllegalStateException.class)
                                                                          .hasMessageContaining("chmod 600");
    }
}
