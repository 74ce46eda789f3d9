package io.tandem.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schemas as the web's ObjectMapper writes them: its property names (snake_case), {@link SchemaNames unique
 * names}, and {@code null} allowed exactly where a null is written (the web leaves nulls out, except for the types
 * it includes every field of, such as a promotion's {@code "lowest_fare": null}).
 */
class WebModelResolver extends ModelResolver {

    private final ObjectMapper webObjectMapper;

    WebModelResolver(ObjectMapper webObjectMapper) {
        super(webObjectMapper, new SchemaNames());
        this.webObjectMapper = webObjectMapper;
    }

    @Override
    public Schema resolve(AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> next) {
        Schema schema = super.resolve(annotatedType, context, next);
        if (schema == null || annotatedType.getType() == null) {
            return schema;
        }
        JavaType type = webObjectMapper.constructType(annotatedType.getType());
        // what was resolved may be a reference to the model defined in the context
        Schema model = schema.getProperties() != null
                ? schema : context.getDefinedModels().get(SchemaNames.of(type.getRawClass()));
        if (type.isContainerType() || model == null || model.getProperties() == null) {
            return schema;
        }
        SerializationConfig config = webObjectMapper.getSerializationConfig();
        BeanDescription bean = config.introspect(type);
        // the class's own @JsonInclude (or its mix-in's) over the mapper's default
        JsonInclude.Include inclusion = bean.findPropertyInclusion(config.getDefaultPropertyInclusion(
                type.getRawClass())).getValueInclusion();
        if (inclusion == JsonInclude.Include.ALWAYS) {
            Map<String, Schema> properties = model.getProperties();
            for (BeanPropertyDefinition property : bean.findProperties()) {
                Schema<?> written = properties.get(property.getName());
                if (written != null && !property.getRawPrimaryType().isPrimitive()) {
                    properties.put(property.getName(), nullable(written));
                }
            }
        }
        return schema;
    }

    private static Schema<?> nullable(Schema<?> schema) {
        if (schema.get$ref() != null) {
            Schema<?> nothing = new Schema<>();
            nothing.addType("null");
            return new Schema<>().anyOf(List.<Schema>of(schema, nothing));
        }
        Set<String> types = new LinkedHashSet<>(schema.getTypes() != null ? schema.getTypes() : Set.of());
        if (schema.getType() != null) {
            types.add(schema.getType());
        }
        types.add("null");
        schema.setTypes(types);
        schema.setNullable(true); // what OpenAPI 3.0 documents say instead
        return schema;
    }
}
