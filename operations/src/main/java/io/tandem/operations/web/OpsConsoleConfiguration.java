package io.tandem.operations.web;

import io.tandem.platform.security.AccessRules;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The ops console page: static files under {@code static/ops/} in this jar, served by every side at {@code /ops/},
 * and the access rules of the operations API.
 */
@AutoConfiguration
@EnableConfigurationProperties(ConsoleProperties.class)
public class OpsConsoleConfiguration {

    @Bean
    ConsoleController operationsConsoleController(ConsoleProperties properties) {
        return new ConsoleController(properties);
    }

    @Bean
    AccessRules operationsAccessRules() {
        return new OperationsAccess();
    }

    @Bean
    WebMvcConfigurer opsConsolePage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/ops", "/ops/");
                registry.addViewController("/ops/").setViewName("forward:/ops/index.html");
            }
        };
    }
}
