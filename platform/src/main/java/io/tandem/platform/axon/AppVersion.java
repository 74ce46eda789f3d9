package io.tandem.platform.axon;

import org.springframework.core.env.Environment;

/**
 * The version this node runs, for the audit trail: {@code tandem.app-version} when set (a deployment may put a git
 * commit there), else Spring's {@code spring.application.version} (the launching jar's Implementation-Version), else
 * the platform jar's own, else {@code development} (classes run from a build folder, as in tests).
 */
final class AppVersion {

    private AppVersion() {
    }

    static String of(Environment environment) {
        String configured = environment.getProperty("tandem.app-version");
        if (configured == null || configured.isBlank()) {
            configured = environment.getProperty("spring.application.version");
        }
        if (configured == null || configured.isBlank()) {
            configured = AppVersion.class.getPackage().getImplementationVersion();
        }
        return configured == null || configured.isBlank() ? "development" : configured.strip();
    }
}
