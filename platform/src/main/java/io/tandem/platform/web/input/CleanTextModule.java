package io.tandem.platform.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * For the web's ObjectMapper only (request bodies and STOMP frames; never the storage serializer, which must read
 * back whatever is stored): every string read from JSON, map keys and ignored property names included, must be
 * {@link CleanText clean}. A refusal is a mapping error with the field's path, so the client learns which field.
 */
public class CleanTextModule extends SimpleModule {

    public CleanTextModule() {
        super("tandem-clean-text");
        addDeserializer(String.class, new CleanStringDeserializer());
        addKeyDeserializer(String.class, new CleanKeyDeserializer());
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializationProblemHandler(new CleanPropertyNames());
    }

    /** Thrown for an unclean string: a mapping error, so it names the field. */
    public static final class UncleanTextException extends MismatchedInputException {

        UncleanTextException(JsonParser parser) {
            super(parser, CleanText.PROBLEM, String.class);
        }
    }

    private static final class CleanStringDeserializer extends StdScalarDeserializer<String> {

        CleanStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return clean(parser, StringDeserializer.instance.deserialize(parser, context));
        }
    }

    private static final class CleanKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return clean(context.getParser(), key);
        }
    }

    /** Unknown properties are skipped, but a name no client could mean is refused like any other bad text. */
    private static final class CleanPropertyNames extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass,
                                             String propertyName) throws IOException {
            clean(parser, propertyName);
            return false;
        }
    }

    private static String clean(JsonParser parser, String text) throws UncleanTextException {
        if (!CleanText.isClean(text, CleanText.Lines.ALLOWED)) {
            throw new UncleanTextException(parser);
        }
        return text;
    }
}
