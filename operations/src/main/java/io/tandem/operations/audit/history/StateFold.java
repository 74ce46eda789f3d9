package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.operations.audit.store.StoredEvent;

/** An aggregate's state rebuilt event by event; after each event its state can be read as JSON. */
interface StateFold {

    /** {@code aggregate}: the aggregate's own class replayed its events; {@code event-fold}: payloads merged. */
    String method();

    void apply(StoredEvent event);

    /** The state after the events applied so far, with personal data shown for the viewer the fold was made for. */
    ObjectNode state();
}
