package io.tandem.launcher.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration properties one side's jar reads, gathered from what the code declares rather than from a list
 * kept by hand: the Spring configuration metadata every library ships (Spring Boot, Axon, ...), Tandem's
 * {@code @ConfigurationProperties} records and {@code @Value} placeholders in the side's jar (its own package and the
 * shared modules, not the other sides, the launcher or test code), and the keys of the property files it loads.
 */
final class SideProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9._-]+)");
    private static final List<String> SIDES = List.of("io.tandem.command.", "io.tandem.query.", "io.tandem.saga.");
    /** On the launcher's test classpath, but in no side's jar. */
    private static final List<String> NOT_IN_A_SIDE =
            List.of("io.tandem.launcher.", "io.tandem.testsupport.", "io.tandem.embedded.", "io.tandem.benchmarks.");
    private static final Set<String> LIBRARY_PROPERTIES = libraryProperties();

    private final Set<String> properties = new HashSet<>(LIBRARY_PROPERTIES);
    private List<ConfigurationPropertyName> names;

    /**
     * @param sidePackage  {@code io.tandem.command}, {@code io.tandem.query} or {@code io.tandem.saga}
     * @param profileFiles the side's own property files, such as {@code application-command.yml}
     */
    SideProperties(String sidePackage, List<String> profileFiles) {
        for (Class<?> type : classesIn(sidePackage + ".")) {
            ConfigurationProperties bound = type.getAnnotation(ConfigurationProperties.class);
            if (bound != null && type.isRecord()) {
                addRecord(bound.prefix(), type);
            }
            valuePlaceholders(type);
        }
        for (String file : profileFiles) {
            properties.addAll(yamlKeys(file));
        }
    }

    /** Whether Spring's relaxed binding hands the environment variable to a property this side reads. */
    boolean reads(String environmentVariable) {
        if (names == null) {
            names = properties.stream().filter(ConfigurationPropertyName::isValid).map(ConfigurationPropertyName::of)
                              .toList();
        }
        ConfigurationPropertySource source = ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource("compose", Map.of(environmentVariable, "value"))).iterator().next();
        return names.stream().anyMatch(name -> source.getConfigurationProperty(name) != null);
    }

    private void addRecord(String prefix, Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord() && component.getType().getName().startsWith("io.tandem")) {
                addRecord(name, component.getType());
            } else {
                properties.add(name);
            }
        }
    }

    private void valuePlaceholders(Class<?> type) {
        List<AnnotatedElement> elements = new ArrayList<>(List.of(type.getDeclaredFields()));
        Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
              .map(Executable::getParameters).forEach(parameters -> elements.addAll(List.of(parameters)));
        elements.addAll(List.of(type.getDeclaredMethods()));
        for (AnnotatedElement element : elements) {
            Value value = element.getAnnotation(Value.class);
            if (value != null) {
                Matcher placeholder = PLACEHOLDER.matcher(value.value());
                while (placeholder.find()) {
                    properties.add(placeholder.group(1));
                }
            }
        }
    }

    /** The classes of a side's jar: its own package and every shared module's. */
    private static List<Class<?>> classesIn(String sidePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            // every class, abstract ones included: the default keeps concrete components only
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter((reader, factory) -> {
            String name = reader.getClassMetadata().getClassName();
            return Stream.concat(SIDES.stream().filter(side -> !side.equals(sidePackage)), NOT_IN_A_SIDE.stream())
                         .noneMatch(name::startsWith);
        });
        List<Class<?>> classes = new ArrayList<>();
        for (var definition : scanner.findCandidateComponents("io.tandem")) {
            try {
                classes.add(Class.forName(definition.getBeanClassName(), false, SideProperties.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }

    private static Set<String> yamlKeys(String file) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(file));
        Set<String> keys = new HashSet<>();
        // list elements appear as key[0]: the property is the key
        yaml.getObject().stringPropertyNames().forEach(key -> keys.add(key.replaceAll("\\[\\d+]$", "")));
        return keys;
    }

    private static Set<String> libraryProperties() {
        Set<String> names = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource metadata : new PathMatchingResourcePatternResolver().getResources(
                    "classpath*:META-INF/spring-configuration-metadata.json")) {
                try (InputStream in = metadata.getInputStream()) {
                    JsonNode properties = json.readTree(in).path("properties");
                    properties.forEach(property -> names.add(property.get("name").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
