package io.tandem.platform.storage;

/** The image declares more pixels than may be decoded safely; refused from its header, before any decoding. */
public class ImageTooLargeException extends UnreadableImageException {

    private final long maxPixels;

    ImageTooLargeException(int width, int height, long maxPixels) {
        super("Image of " + width + "x" + height + " pixels is larger than " + maxPixels + " pixels");
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }
}
