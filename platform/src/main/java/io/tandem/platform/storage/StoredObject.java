package io.tandem.platform.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An open stored object: close it to release the file handle or HTTP connection behind {@code content}. */
public record StoredObject(String contentType, long length, InputStream content) implements Closeable {

    @Override
    public void close() throws IOException {
        content.close();
    }
}
