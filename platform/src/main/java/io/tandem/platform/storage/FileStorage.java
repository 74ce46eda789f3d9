package io.tandem.platform.storage;

import java.io.InputStream;

/**
 * Stores file content under keys such as {@code avatars/3f2a.../original.jpg}: on the local disk or in an S3 bucket,
 * chosen by {@code tandem.storage.type}. Keys are slash-separated segments of letters, digits, {@code .}, {@code _}
 * and {@code -}, none starting with a dot, so no implementation can be led outside its root.
 */
public interface FileStorage {

    /** Stores exactly {@code length} bytes of {@code content}, replacing any object under the key. */
    void put(String key, InputStream content, long length, String contentType);

    /** Opens the object; the caller closes the returned {@link StoredObject}. */
    StoredObject get(String key);

    /** Removes the object; removing an absent key is not an error. */
    void delete(String key);
}
