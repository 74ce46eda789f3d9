package io.tandem.platform.web.input;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.Module;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * What the API accepts as input, in one place for every endpoint: bounded bodies ({@link BodyLimitFilter}),
 * bounded JSON (the web ObjectMapper's stream limits) and clean text ({@link CleanText}) in the URL
 * ({@link CleanUrlFilter}), in JSON ({@link CleanTextModule}), in headers, raw bodies ({@link CleanTextBinding})
 * and file names ({@link CleanMultipartResolver}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BodyLimits.class)
@Import(CleanTextBinding.class)
public class InputConfiguration {

    /** No text field of the API comes near this; Jackson's own default is 20 million characters. */
    static final int MAX_JSON_STRING_LENGTH = 100_000;
    static final int MAX_JSON_NESTING_DEPTH = 64;
    static final int MAX_JSON_NUMBER_LENGTH = 100;

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimits limits) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(
                limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CleanUrlFilter> cleanUrlFilter() {
        FilterRegistrationBean<CleanUrlFilter> registration = new FilterRegistrationBean<>(new CleanUrlFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    Module cleanTextModule() {
        return new CleanTextModule();
    }

    /** The document's size is the body limit's business; these bound what one value may cost to parse. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonStreamLimits() {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                                                                 .maxStringLength(MAX_JSON_STRING_LENGTH)
                                                                 .maxNestingDepth(MAX_JSON_NESTING_DEPTH)
                                                                 .maxNumberLength(MAX_JSON_NUMBER_LENGTH)
                                                                 .build();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory()
                                                                 .setStreamReadConstraints(constraints));
    }

    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    CleanMultipartResolver multipartResolver() {
        return new CleanMultipartResolver();
    }
}
