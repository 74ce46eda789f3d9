package io.tandem.platform.storage;

import java.io.InputStream;
import java.net.URI;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Keeps each object in one S3 (or S3-compatible: MinIO, S3Proxy) bucket under its key. */
class S3FileStorage implements FileStorage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    private S3FileStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Connects to the configured bucket, creating it when missing. The storage owns the client and closes it with
     * itself (Spring does, as the storage is {@link AutoCloseable}); keeping the client out of the context means an
     * {@code S3Client} bean the application defines for other purposes is neither replaced nor picked up by mistake.
     */
    static S3FileStorage connect(StorageProperties.S3 settings) {
        S3FileStorage storage = new S3FileStorage(client(settings), settings.bucket());
        storage.createBucketIfMissing();
        return storage;
    }

    private static S3Client client(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (StringUtils.hasText(settings.endpoint())) {
            builder.endpointOverride(URI.create(settings.endpoint()))
                    // SDK 2.30+ adds CRC checksums to every upload by default, which many S3-compatible servers
                    // (older MinIO, Ceph) reject; checksum only where the S3 API requires it
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        boolean hasAccessKey = StringUtils.hasText(settings.accessKey());
        if (hasAccessKey != StringUtils.hasText(settings.secretKey())) {
            throw new IllegalStateException(
                    "Set both tandem.storage.s3.access-key and tandem.storage.s3.secret-key, or neither");
        }
        if (hasAccessKey) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        }
        // without keys the client uses the SDK's default chain (environment, profile, instance role)
        return builder.build();
    }

    /**
     * Lets a fresh MinIO or development account work without a manual setup step. Needs permission for HeadBucket
     * (s3:ListBucket) besides the object operations; wrong credentials thus fail at startup, not at the first upload.
     */
    private void createBucketIfMissing() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            createBucket();
        }
    }

    private void createBucket() {
        try {
            s3.createBucket(request -> request.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException createdByAnotherInstance) {
            // another instance starting at the same time created it first, which is all we need
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(StorageKeys.requireValid(key))
                        .contentType(contentType).contentLength(length),
                RequestBody.fromInputStream(content, length));
    }

    @Override
    public StoredObject get(String key) {
        try {
            ResponseInputStream<GetObjectResponse> content =
                    s3.getObject(request -> request.bucket(bucket).key(StorageKeys.requireValid(key)));
            GetObjectResponse response = content.response();
            return new StoredObject(response.contentType(), response.contentLength(), content);
        } catch (NoSuchKeyException e) {
            throw new StoredObjectNotFoundException(key);
        }
    }

    @Override
    public void delete(String key) {
        // S3 answers 204 for absent keys too, which makes this idempotent without a lookup
        s3.deleteObject(request -> request.bucket(bucket).key(StorageKeys.requireValid(key)));
    }

    @Override
    public void close() {
        s3.close();
    }
}
