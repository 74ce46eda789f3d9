package io.tandem.platform.pipeline;

import io.tandem.testsupport.SharedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** A fresh database on the shared test PostgreSQL for {@link EventPipelineTest}'s context. */
class PipelineTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.datasource.url=" + SharedPostgres.newDatabase(),
                              "spring.datasource.username=" + SharedPostgres.USERNAME)
                          .applyTo(context);
    }
}
