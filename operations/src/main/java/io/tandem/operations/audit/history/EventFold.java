package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.view.EventViews;

/**
 * The state of an aggregate whose class this node does not have (a side other than the command side in services
 * mode, or a type no longer in the code): each event's payload fields laid over those before. It shows what the
 * events said, not what the aggregate derived from them (a status it sets itself, say), so it is only a fallback.
 */
final class EventFold implements StateFold {

    static final String METHOD = "event-fold";

    private final EventViews views;
    private final AuditViewer viewer;
    private final ObjectNode state = JsonNodeFactory.instance.objectNode();

    EventFold(EventViews views, AuditViewer viewer) {
        this.views = views;
        this.viewer = viewer;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public void apply(StoredEvent event) {
        JsonNode payload = views.payload(event, viewer);
        if (payload instanceof ObjectNode fields) {
            state.setAll(fields);
        }
    }

    @Override
    public ObjectNode state() {
        return state.deepCopy();
    }
}
