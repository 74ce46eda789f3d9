package io.tandem.launcher;

import io.tandem.command.CommandSideApplication;
import io.tandem.launcher.infrastructure.InfrastructureMode;
import io.tandem.query.QuerySideApplication;
import io.tandem.saga.SagaOrchestratorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * All three sides in one JVM: the embedded default. Without a JDBC URL it starts its own PostgreSQL, without an
 * Elasticsearch URL its own node, both keeping their data under {@code ./data}. With {@code tandem.mode=infrastructure}
 * it runs only those servers and an S3 store, for the separate service jars ({@link InfrastructureMode}).
 */
@SpringBootApplication
@AutoConfigurationPackage(basePackages = "io.tandem")
@ComponentScan(basePackages = {"io.tandem.command", "io.tandem.query", "io.tandem.saga"},
               // each side names its beans after their classes; in one JVM two sides may use the same class name
               nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
               excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {
                       CommandSideApplication.class, QuerySideApplication.class,
                       SagaOrchestratorApplication.class}))
public class TandemApplication {

    static final String ALL = "all";

    /** Later profiles win: the embedded one overrides what each side sets for running on its own. */
    public static final String[] PROFILES = {
            CommandSideApplication.PROFILE, QuerySideApplication.PROFILE, SagaOrchestratorApplication.PROFILE,
            "embedded"};

    public static void main(String[] args) {
        String mode = mode(args);
        switch (mode) {
            case ALL -> {
                SpringApplication application = new SpringApplication(TandemApplication.class);
                application.setAdditionalProfiles(PROFILES);
                application.run(args);
            }
            case InfrastructureMode.MODE -> InfrastructureMode.run(args);
            default -> throw new IllegalArgumentException(
                    "tandem.mode must be " + ALL + " (the default) or " + InfrastructureMode.MODE + ", not " + mode);
        }
    }

    /** {@code tandem.mode} from the command line, a system property or {@code TANDEM_MODE}. */
    static String mode(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment.getProperty("tandem.mode", ALL);
    }
}
