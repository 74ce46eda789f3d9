package io.tandem.operations.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the console page shows besides the API ({@code tandem.operations.console.*}).
 *
 * @param axonServerDashboardUrl where operators open the Axon Server dashboard (services mode); the page links to it
 *                               when it is set
 */
@ConfigurationProperties(prefix = "tandem.operations.console")
public record ConsoleProperties(String axonServerDashboardUrl) {

    public ConsoleProperties {
        axonServerDashboardUrl = axonServerDashboardUrl == null || axonServerDashboardUrl.isBlank() ? null
                : axonServerDashboardUrl.strip();
    }
}
