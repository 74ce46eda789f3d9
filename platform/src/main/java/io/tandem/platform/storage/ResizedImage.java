package io.tandem.platform.storage;

/** An image re-encoded by {@link ImageResizer}: {@code image/jpeg}, or {@code image/png} when it has transparency. */
public record ResizedImage(byte[] content, String contentType, int width, int height) {
}
