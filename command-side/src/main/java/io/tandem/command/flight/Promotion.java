package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.FlightCommands.CreatePromotionCommand;
import io.tandem.api.flight.FlightCommands.DeletePromotionCommand;
import io.tandem.api.flight.FlightEvents.PromotionCreatedEvent;
import io.tandem.api.flight.FlightEvents.PromotionDeletedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A featured route with a title, shown with the lowest current fare on it. */
@Aggregate(cache = "aggregateCache")
class Promotion {

    @AggregateIdentifier
    private String promotionId;
    private boolean deleted;

    Promotion() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Promotion(CreatePromotionCommand command) {
        if (command.origin().equals(command.destination())) {
            throw new RejectedException(Rejection.invalid("same_origin_and_destination",
                                                          "origin and destination must differ"));
        }
        if (command.validTo().isBefore(command.validFrom())) {
            throw new RejectedException(Rejection.invalid("invalid_period", "valid_to must not be before valid_from"));
        }
        apply(new PromotionCreatedEvent(command.promotionId(), command.title(), command.description(),
                                        command.origin(), command.destination(), command.validFrom(),
                                        command.validTo()));
    }

    @CommandHandler
    void handle(DeletePromotionCommand command) {
        if (deleted) {
            throw new RejectedException(Rejection.notFound("promotion_not_found", "No such promotion."));
        }
        apply(new PromotionDeletedEvent(promotionId));
    }

    @EventSourcingHandler
    void on(PromotionCreatedEvent event) {
        promotionId = event.promotionId();
    }

    @EventSourcingHandler
    void on(PromotionDeletedEvent event) {
        deleted = true;
    }
}
