package io.tandem.operations.audit.view;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * The JSON names of a stored type's personal fields and of its subject, read from its {@link PersonalData} and
 * {@link DataSubject} annotations (the storage serializer writes fields under their own names).
 *
 * @param subject the subject's field; null when the type has none or is not on this node's classpath
 */
record PersonalFields(String subject, Set<String> personal) {

    static final PersonalFields NONE = new PersonalFields(null, Set.of());

    static PersonalFields of(String className, ClassLoader loader) {
        if (className == null) {
            return NONE;
        }
        try {
            return of(Class.forName(className, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE; // a type this side does not know: sealed values are still recognised by their form
        }
    }

    static PersonalFields of(Class<?> type) {
        String subject = null;
        Set<String> personal = new HashSet<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (field.isAnnotationPresent(PersonalData.class)) {
                    personal.add(field.getName());
                }
                if (subject == null && field.isAnnotationPresent(DataSubject.class)) {
                    subject = field.getName();
                }
            }
        }
        return personal.isEmpty() && subject == null ? NONE : new PersonalFields(subject, Set.copyOf(personal));
    }
}
