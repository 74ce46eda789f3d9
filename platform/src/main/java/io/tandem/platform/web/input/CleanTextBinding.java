package io.tandem.platform.web.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.beans.PropertyEditorSupport;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;

/**
 * Holds every value a handler receives outside the web ObjectMapper to the {@link CleanText} rules: query
 * parameters, path variables and headers as they are bound (single-line), and bodies a handler takes as raw text or
 * as a JSON tree (JSON text in them may hold line breaks).
 */
@ControllerAdvice
public class CleanTextBinding extends RequestBodyAdviceAdapter {

    private static final ObjectMapper TREES = new ObjectMapper();

    @InitBinder
    void singleLineText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new SingleLineEditor(binder.getObjectName()));
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == String.class || targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(
                type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode tree) {
            check(tree, "body");
        } else if (body instanceof String text) {
            JsonNode tree = jsonOrNull(text);
            if (tree != null) {
                check(tree, "body");
            } else if (!CleanText.isClean(text, CleanText.Lines.ALLOWED)) {
                throw new UncleanInputException("body");
            }
        }
        return body;
    }

    private static JsonNode jsonOrNull(String text) {
        try {
            return TREES.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual() && !CleanText.isClean(node.textValue(), CleanText.Lines.ALLOWED)) {
            throw new UncleanInputException(path);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path.equals("body") ? field.getKey() : path + "." + field.getKey();
                if (!CleanText.isClean(field.getKey(), CleanText.Lines.REFUSED)) {
                    throw new UncleanInputException(path);
                }
                check(field.getValue(), fieldPath);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Binds a request value unchanged once it is known to be clean single-line text. */
    private static final class SingleLineEditor extends PropertyEditorSupport {

        private final String objectName;

        private SingleLineEditor(String objectName) {
            this.objectName = objectName;
        }

        @Override
        public void setAsText(String text) {
            if (!CleanText.isClean(text, CleanText.Lines.REFUSED)) {
                throw new UncleanInputException(objectName);
            }
            setValue(text);
        }
    }
}
