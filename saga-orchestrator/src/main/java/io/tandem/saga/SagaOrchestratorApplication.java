package io.tandem.saga;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The saga orchestrator on its own (services mode): sagas, deadlines and payment provider calls. */
@SpringBootApplication
public class SagaOrchestratorApplication {

    public static final String PROFILE = "saga";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SagaOrchestratorApplication.class);
        application.setAdditionalProfiles(PROFILE);
        application.run(args);
    }
}
