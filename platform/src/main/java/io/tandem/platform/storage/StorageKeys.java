package io.tandem.platform.storage;

import java.util.regex.Pattern;

/**
 * The one key rule every {@link FileStorage} applies, so code that works on the local disk also works on S3. Segments
 * may not start with a dot: that rules out {@code .} and {@code ..} (path traversal) and leaves dot-names free for
 * {@link LocalFileStorage}'s own sidecar and temporary files.
 */
final class StorageKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_LENGTH = 1024;

    private StorageKeys() {
    }

    static String requireValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Storage key must have 1 to " + MAX_LENGTH + " characters: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("Invalid storage key " + key
                        + ": segments are letters, digits, '.', '_' and '-', not starting with '.'");
            }
        }
        return key;
    }
}
