package io.tandem.platform.personaldata;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Crypto-shredding for the storage ObjectMapper: in every record or class with a {@link DataSubject}, each
 * {@link PersonalData} value is written as {@code pd:v1:...}, encrypted with the subject's key (the value's own JSON
 * is what gets encrypted, so lists and numbers work as well as strings). Reading decrypts; a value whose key is
 * erased reads as null, and a plain value written before encryption existed reads as it is until its subject is
 * erased, then as null too.
 */
public final class PersonalDataModule extends SimpleModule {

    public PersonalDataModule(PersonalDataKeys keys) {
        super("tandem-personal-data");
        PersonalDataCipher cipher = new PersonalDataCipher();
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                if (properties.stream().noneMatch(property -> property.getAnnotation(PersonalData.class) != null)) {
                    return properties;
                }
                List<BeanPropertyWriter> subjects = properties.stream()
                                                              .filter(p -> p.getAnnotation(DataSubject.class) != null)
                                                              .toList();
                BeanPropertyWriter subject = onlySubject(bean, subjects);
                List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
                for (BeanPropertyWriter property : properties) {
                    changed.add(property.getAnnotation(PersonalData.class) == null
                                        ? property
                                        : new EncryptingPropertyWriter(property, subject, keys, cipher));
                }
                return changed;
            }
        });
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                          JsonDeserializer<?> deserializer) {
                List<BeanPropertyDefinition> properties = bean.findProperties();
                List<String> personal = names(properties, PersonalData.class);
                if (personal.isEmpty()) {
                    return deserializer;
                }
                String subject = onlySubject(bean, names(properties, DataSubject.class));
                return new DecryptingDeserializer(deserializer, new PersonalFields(subject, personal), keys, cipher);
            }
        });
    }

    private static <T> T onlySubject(BeanDescription bean, List<T> subjects) {
        if (subjects.size() != 1) {
            throw new IllegalStateException(bean.getBeanClass().getName() + " has @PersonalData, so it needs exactly "
                                            + "one @DataSubject, not " + subjects.size());
        }
        return subjects.get(0);
    }

    private static List<String> names(List<BeanPropertyDefinition> properties, Class<? extends Annotation> marker) {
        return properties.stream()
                         .filter(property -> Stream.of(property.getConstructorParameter(), property.getField(),
                                                       property.getGetter(), property.getSetter())
                                                   .filter(Objects::nonNull)
                                                   .anyMatch((AnnotatedMember member) -> member.hasAnnotation(marker)))
                         .map(BeanPropertyDefinition::getName)
                         .toList();
    }

    /** The JSON names of a type's subject and personal properties. */
    record PersonalFields(String subject, List<String> personal) {
    }
}
