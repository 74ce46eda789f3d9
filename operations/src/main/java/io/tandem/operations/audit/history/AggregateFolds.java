package io.tandem.operations.audit.history;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.view.EventViews;
import io.tandem.operations.audit.view.PersonalDataView;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks how an aggregate's state is rebuilt: by replaying its own class when this node has it (the command side;
 * the all-in-one launcher), else by folding its events' payloads ({@link EventFold}). Axon's configuration says
 * which aggregate classes this node has and the type names their events are stored under.
 */
public class AggregateFolds {

    /** Private fields as they are, so the state shows what the aggregate keeps; not the web's JSON settings. */
    private static final ObjectMapper STATE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    private final Supplier<Configuration> axon;
    private final EventViews views;
    private final PersonalDataView personalData;
    private volatile Map<String, AggregateModel<?>> models;

    public AggregateFolds(Supplier<Configuration> axon, EventViews views, PersonalDataView personalData) {
        this.axon = axon;
        this.views = views;
        this.personalData = personalData;
    }

    StateFold start(String aggregateType, AuditViewer viewer) {
        AggregateModel<?> model = aggregateType == null ? null : models().get(aggregateType);
        if (model != null) {
            try {
                return new AggregateReplay<>(model, axon.get().eventSerializer(), STATE, personalData, viewer);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a class Axon could not make an empty instance of: its events still tell the story
            }
        }
        return new EventFold(views, viewer);
    }

    /** A fold of the payloads, for when replaying the class fails on a stored event (one that no longer reads). */
    StateFold fallback(AuditViewer viewer) {
        return new EventFold(views, viewer);
    }

    /**
     * Inspected with the application's parameter resolvers, as Axon's own repositories are: command handlers take
     * Spring beans as parameters, which the class path's resolvers alone cannot supply (tests hide that, because
     * axon-test's fixture resolver answers for any parameter).
     */
    private Map<String, AggregateModel<?>> models() {
        Map<String, AggregateModel<?>> known = models;
        if (known == null) {
            known = new HashMap<>();
            Configuration configuration = axon.get();
            for (AggregateConfiguration<?> aggregate : configuration.findModules(AggregateConfiguration.class)) {
                Class<?> type = aggregate.aggregateType();
                AggregateModel<?> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(
                        type, configuration.parameterResolverFactory(), configuration.handlerDefinition(type));
                known.put(model.type(), model);
            }
            models = known;
        }
        return known;
    }
}
