package io.tandem.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The command side on its own (services mode): aggregates and the command REST API. */
@SpringBootApplication
public class CommandSideApplication {

    public static final String PROFILE = "command";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.setAdditionalProfiles(PROFILE);
        application.run(args);
    }
}
