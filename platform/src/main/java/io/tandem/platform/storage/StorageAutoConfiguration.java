package io.tandem.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The {@link FileStorage} chosen by {@code tandem.storage.type}, plus upload type detection and image resizing. */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ContentTypeDetector contentTypeDetector() {
        return new ContentTypeDetector();
    }

    @Bean
    @ConditionalOnMissingBean
    ImageResizer imageResizer(StorageProperties properties) {
        return new ImageResizer(properties.image().maxSide(), properties.image().maxSourcePixels());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "tandem.storage", name = "type", havingValue = "local", matchIfMissing = true)
    static class LocalStorageConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FileStorage localFileStorage(StorageProperties properties, Environment environment) {
            long startNanos = System.nanoTime();
            Path configured = properties.local().root() != null
                    ? properties.local().root()
                    : Path.of(environment.getProperty("tandem.data-dir", "./data"), "files");
            Path root = configured.toAbsolutePath().normalize();
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the file storage directory " + root, e);
            }
            log.info("File storage ready in {} ms: files in {}", millisSince(startNanos), root);
            return new LocalFileStorage(root);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "tandem.storage", name = "type", havingValue = "s3")
    static class S3StorageConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FileStorage s3FileStorage(StorageProperties properties) {
            long startNanos = System.nanoTime();
            String where = "bucket " + properties.s3().bucket() + " at "
                    + (properties.s3().endpoint() != null ? properties.s3().endpoint() : "AWS S3");
            log.info("Connecting file storage to {}", where);
            S3FileStorage storage = S3FileStorage.connect(properties.s3());
            log.info("File storage ready in {} ms: {}", millisSince(startNanos), where);
            return storage;
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
