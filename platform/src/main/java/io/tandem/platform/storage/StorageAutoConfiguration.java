package io.tandem.platform.storage;

import java.nio.file.Path;
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
            Path root = properties.local().root() != null
                    ? properties.local().root()
                    : Path.of(environment.getProperty("tandem.data-dir", "./data"), "files");
            return new LocalFileStorage(root);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "tandem.storage", name = "type", havingValue = "s3")
    static class S3StorageConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FileStorage s3FileStorage(StorageProperties properties) {
            return S3FileStorage.connect(properties.s3());
        }
    }
}
