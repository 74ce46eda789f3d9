package io.tandem.platform.personaldata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param keyTable  the key table, optionally schema-qualified; in services mode every side must name the same one
 *                  (e.g. {@code command.personal_data_key}), see docs/personal-data.md
 * @param cacheSize how many subjects' keys a node keeps in memory
 * @param cacheTtl  how long a node trusts a cached key: another node's erasure is noticed within this time
 */
@ConfigurationProperties(prefix = "tandem.personal-data")
public record PersonalDataProperties(@DefaultValue("personal_data_key") String keyTable,
                                     @DefaultValue("10000") int cacheSize,
                                     @DefaultValue("5m") Duration cacheTtl) {
}
