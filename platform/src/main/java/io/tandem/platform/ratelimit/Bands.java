package io.tandem.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;

/**
 * A limit's bands, written {@code capacity/period} and separated by commas: {@code 5/1m,20/1h} allows 5 a minute
 * and at most 20 an hour. Every band must have a token left, so bands with longer periods slow a client further
 * the longer it keeps going: a progressive delay.
 */
final class Bands {

    private Bands() {
    }

    static BucketConfiguration parse(String name, String bands) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (String band : bands.split(",")) {
            String[] parts = band.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("tandem.rate-limit." + name + ": \"" + band
                                                   + "\" is not capacity/period, like 5/1m");
            }
            long capacity = Long.parseLong(parts[0].strip());
            Duration period = DurationStyle.detectAndParse(parts[1].strip());
            builder.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build());
        }
        return builder.build();
    }
}
