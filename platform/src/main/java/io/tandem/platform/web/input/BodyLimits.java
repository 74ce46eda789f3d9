package io.tandem.platform.web.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * The largest request body each path takes ({@code tandem.web.body-limits}): {@code max-body} for any request
 * without a longer-matching entry in {@code paths} (keys are path prefixes). Multipart uploads keep their own
 * limits ({@code spring.servlet.multipart.*}).
 */
@ConfigurationProperties("tandem.web.body-limits")
public record BodyLimits(DataSize maxBody, Map<String, DataSize> paths) {

    public BodyLimits {
        maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
        paths = paths == null ? Map.of() : Map.copyOf(paths);
    }

    long forPath(String path) {
        String longest = null;
        for (String prefix : paths.keySet()) {
            if (path.startsWith(prefix) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return (longest == null ? maxBody : paths.get(longest)).toBytes();
    }
}
