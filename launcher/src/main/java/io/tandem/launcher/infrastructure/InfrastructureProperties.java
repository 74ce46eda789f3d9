package io.tandem.launcher.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * {@code tandem.infrastructure.*}: where the servers of {@code tandem.mode=infrastructure} listen and keep their data.
 *
 * @param dataDir           their data; unset means {@code ${tandem.data-dir}/infrastructure}, apart from the embedded
 *                          default's, whose search index was built from its own events
 * @param postgresPort      PostgreSQL on localhost
 * @param elasticsearchPort Elasticsearch's HTTP on 127.0.0.1
 * @param s3Port            the S3 API (S3Proxy) on 127.0.0.1
 * @param s3AccessKey       the access key S3Proxy accepts; its secret key is generated into the data directory
 */
@ConfigurationProperties(prefix = "tandem.infrastructure")
record InfrastructureProperties(Path dataDir,
                                @DefaultValue("5432") int postgresPort,
                                @DefaultValue("9200") int elasticsearchPort,
                                @DefaultValue("9000") int s3Port,
                                @DefaultValue("tandem") String s3AccessKey) {
}
