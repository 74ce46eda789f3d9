package io.tandem.platform.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param timeout           how long a write endpoint waits at most for its read models to show the write
 * @param recheckInterval   while answers are pending, how often they are looked at besides each processed batch
 * @param storeReadInterval how often at most a pending answer reads the token table (segments of other nodes)
 */
@ConfigurationProperties("tandem.consistency")
record ConsistencyProperties(@DefaultValue("5s") Duration timeout,
                             @DefaultValue("10ms") Duration recheckInterval,
                             @DefaultValue("50ms") Duration storeReadInterval) {
}
