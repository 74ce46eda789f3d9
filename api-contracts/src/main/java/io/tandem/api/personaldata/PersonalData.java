package io.tandem.api.personaldata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value is personal data of the {@link DataSubject} of the same record (or class): wherever it is stored (events,
 * snapshots, sagas, dead letters) it is encrypted with that person's key, and once the key is erased it reads as
 * {@code null}. See {@code docs/personal-data.md}.
 * <p>
 * On a record component the annotation also lands on the field, the accessor and the constructor parameter, so the
 * storage serializer finds it whichever member it looks at.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
