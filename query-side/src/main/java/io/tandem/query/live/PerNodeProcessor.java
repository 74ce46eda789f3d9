package io.tandem.query.live;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * A processor that every node runs for itself: a tracking processor's token is normally claimed by one node, but
 * this one keeps its token in memory and starts from the head of the stream, so each node sees every new event.
 * For handlers that act on the node (its caches, its sockets), not on shared storage, so they run without a
 * database transaction.
 */
public final class PerNodeProcessor {

    private PerNodeProcessor() {
    }

    public static ConfigurerModule registration(String processingGroup) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(
                        processingGroup, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                .andInitialTrackingToken(
                                                                        StreamableMessageSource::createHeadToken))
                .registerTokenStore(processingGroup, c -> new InMemoryTokenStore())
                .registerTransactionManager(processingGroup, c -> NoTransactionManager.INSTANCE));
    }
}
