package io.tandem.operations.audit.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.operations.audit.AuditSchemas;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.view.PersonalDataView;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live sagas in the JDBC saga store of every schema ({@code sagaentry}, {@code associationvalueentry}): a saga is
 * there from its start to its end, found by any of its association values.
 */
public class SagaStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SAGAS = 100;

    private final JdbcClient jdbc;
    private final AuditSchemas schemas;
    private final PersonalDataView personalData;

    public SagaStore(JdbcClient jdbc, AuditSchemas schemas, PersonalDataView personalData) {
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.personalData = personalData;
    }

    /** Sagas with an association of one of these values (any key), with their state and all their associations. */
    public List<SagaInstance> byAssociationValues(Collection<String> values, AuditViewer viewer) {
        List<SagaInstance> found = new ArrayList<>();
        if (values.isEmpty()) {
            return found;
        }
        schemas.each(schema -> {
            Map<String, SagaInstance> sagas = new LinkedHashMap<>();
            String associations = AuditSchemas.table(schema, "associationvalueentry");
            jdbc.sql("SELECT s.sagaid, s.sagatype, s.serializedsaga, a.associationkey, a.associationvalue FROM "
                     + AuditSchemas.table(schema, "sagaentry") + " s JOIN " + associations + " a"
                     + " ON a.sagaid = s.sagaid WHERE s.sagaid IN (SELECT sagaid FROM " + associations
                     + " WHERE associationvalue = ANY (?) LIMIT " + MAX_SAGAS + ") ORDER BY s.sagaid, a.id")
                .param(values.toArray(String[]::new))
                .query(row -> {
                    String type = row.getString(2);
                    byte[] stored = row.getBytes(3);
                    sagas.computeIfAbsent(row.getString(1), id -> new SagaInstance(
                                 schema, id, simpleName(type), type, state(stored, type, viewer), new ArrayList<>()))
                         .associations().add(new Association(row.getString(4), row.getString(5)));
                });
            found.addAll(sagas.values());
        });
        return found;
    }

    private JsonNode state(byte[] stored, String type, AuditViewer viewer) {
        if (stored == null) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode state = JSON.readTree(stored);
            if (state instanceof ObjectNode object) {
                personalData.apply(object, type, viewer);
            }
            return state;
        } catch (IOException e) {
            return TextNode.valueOf(new String(stored, StandardCharsets.UTF_8));
        }
    }

    static String simpleName(String className) {
        return className == null ? null
                : className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    /**
     * @param sagaType  the saga class's simple name
     * @param sagaClass its full name
     * @param state     its serialized fields as stored (personal data shown for the viewer)
     */
    public record SagaInstance(String schema, String sagaId, String sagaType, String sagaClass, JsonNode state,
                               List<Association> associations) {
    }

    public record Association(String key, String value) {
    }
}
