package io.tandem.platform.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where files go ({@code tandem.storage.*}).
 *
 * @param type {@code local} (default) keeps files on this machine's disk, {@code s3} in an S3-compatible bucket
 * @param local settings for {@code type=local}
 * @param s3 settings for {@code type=s3}
 * @param image settings for resized images
 */
@ConfigurationProperties(prefix = "tandem.storage")
record StorageProperties(
        @DefaultValue("local") Type type,
        @DefaultValue Local local,
        @DefaultValue S3 s3,
        @DefaultValue Image image) {

    enum Type { LOCAL, S3 }

    /**
     * @param root directory holding the files; unset means {@code ${tandem.data-dir:./data}/files}, resolved by
     *     {@link StorageAutoConfiguration} because {@code @DefaultValue} does not resolve placeholders
     */
    record Local(Path root) {
    }

    /**
     * @param endpoint URL of an S3-compatible server such as MinIO; unset means AWS
     * @param region signing region
     * @param bucket bucket holding the files, created at startup when missing
     * @param accessKey access key; unset (together with the secret key) means the AWS SDK's default credentials chain
     * @param secretKey secret key matching the access key
     * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}, which most
     *     S3-compatible servers need
     */
    record S3(
            String endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("tandem-files") String bucket,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyle) {
    }

    /**
     * @param maxSide longest side, in pixels, of images after {@link ImageResizer}
     * @param maxSourcePixels the most pixels an uploaded image may declare: above 48 and 50 MP phone cameras, far below
     *     decompression bombs (a 15,000 x 15,000 PNG of 225 MP fits in a few hundred kilobytes)
     */
    record Image(@DefaultValue("512") int maxSide, @DefaultValue("50000000") long maxSourcePixels) {
    }
}
