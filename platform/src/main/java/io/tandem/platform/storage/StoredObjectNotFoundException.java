package io.tandem.platform.storage;

/** No object is stored under the key; web code answers 404. */
public class StoredObjectNotFoundException extends RuntimeException {

    private final String key;

    public StoredObjectNotFoundException(String key) {
        super("No stored object under key " + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
