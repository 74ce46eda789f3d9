package io.tandem.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query side on its own (services mode): projections, the query REST API and push. */
@SpringBootApplication
public class QuerySideApplication {

    public static final String PROFILE = "query";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setAdditionalProfiles(PROFILE);
        application.run(args);
    }
}
