package io.tandem.launcher;

import io.tandem.command.CommandSideApplication;
import io.tandem.query.QuerySideApplication;
import io.tandem.saga.SagaOrchestratorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;

/**
 * All three sides in one JVM: the embedded default. Without a JDBC URL it starts its own PostgreSQL, without an
 * Elasticsearch URL its own node, both keeping their data under {@code ./data}.
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

    /** Later profiles win: the embedded one overrides what each side sets for running on its own. */
    public static final String[] PROFILES = {
            CommandSideApplication.PROFILE, QuerySideApplication.PROFILE, SagaOrchestratorApplication.PROFILE,
            "embedded"};

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TandemApplication.class);
        application.setAdditionalProfiles(PROFILES);
        application.run(args);
    }
}
