package io.tandem.launcher;

import io.tandem.platform.web.SchemaNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type a controller of any side takes or answers has its own schema name in the API document: two records
 * named alike (a flight's and a vehicle's {@code ScheduleRequest}) once shared one schema, and the flight's fields
 * went undocumented.
 */
class ApiSchemaNamesTest {

    @Test
    void noTwoTypesOfTheApiShareASchemaName() {
        Set<Class<?>> types = new HashSet<>();
        for (Class<?> controller : controllers()) {
            for (Method method : controller.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                collect(method.getGenericReturnType(), types);
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)) {
                        collect(parameter.getParameterizedType(), types);
                    }
                }
            }
        }
        Map<String, Set<String>> byName = new TreeMap<>();
        types.forEach(type -> byName.computeIfAbsent(SchemaNames.of(type), name -> new TreeSet<>())
                                    .add(type.getName()));
        assertThat(types).as("the scan found the API's types").hasSizeGreaterThan(50);
        assertThat(byName).allSatisfy((name, classes) -> assertThat(classes).as(name).hasSize(1));
    }

    private static Set<Class<?>> controllers() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<Class<?>> controllers = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.tandem")) {
            controllers.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), null));
        }
        return controllers;
    }

    private static void collect(Type type, Set<Class<?>> types) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), types);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, types);
            }
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), types);
        } else if (type instanceof Class<?> cls) {
            if (cls.isArray()) {
                collect(cls.getComponentType(), types);
            } else if (cls.getName().startsWith("io.tandem.") && types.add(cls) && cls.isRecord()) {
                for (RecordComponent component : cls.getRecordComponents()) {
                    collect(component.getGenericType(), types);
                }
            }
        }
    }
}
