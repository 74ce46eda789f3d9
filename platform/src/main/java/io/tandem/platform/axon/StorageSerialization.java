package io.tandem.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.tandem.platform.personaldata.PersonalDataKeys;
import io.tandem.platform.personaldata.PersonalDataModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one JSON format of everything Axon stores or sends: events, snapshots, tokens, sagas, dead letters,
 * deadlines and messages. Its ObjectMapper is private on purpose: the web layer's JSON settings (snake_case and
 * whatever comes later) must never change what is already in the event store. Personal data is encrypted with its
 * subject's key here, and only here (see docs/personal-data.md).
 */
final class StorageSerialization {

    private StorageSerialization() {
    }

    static Serializer serializer(PersonalDataKeys keys) {
        return JacksonSerializer.builder()
                                .objectMapper(storageObjectMapper(keys))
                                .build();
    }

    static ObjectMapper storageObjectMapper(PersonalDataKeys keys) {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new ParameterNamesModule())
                .registerModule(new PersonalDataModule(keys))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // new optional fields must not break reading old events, snapshots and sagas
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // sagas and aggregate snapshots keep their state in private fields without accessors
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    }
}
