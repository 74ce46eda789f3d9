package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightCommands.CreateDiscountCommand;
import io.tandem.api.flight.FlightCommands.DeleteDiscountCommand;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = "aggregateCache")
class Discount {

    @AggregateIdentifier
    private String discountId;
    private boolean deleted;

    Discount() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Discount(CreateDiscountCommand command) {
        if (command.type() == DiscountType.PERCENTAGE && (command.amount() < 1 || command.amount() > 100)) {
            throw new RejectedException(Rejection.invalid("invalid_amount", "amount must be 1 to 100 percent"));
        }
        if (command.type() == DiscountType.FIXED && command.amount() < 1) {
            throw new RejectedException(Rejection.invalid("invalid_amount", "amount must be at least 1 won"));
        }
        if (command.validTo().isBefore(command.validFrom())) {
            throw new RejectedException(Rejection.invalid("invalid_period", "valid_to must not be before valid_from"));
        }
        apply(new DiscountCreatedEvent(command.discountId(), command.name(), command.type(), command.amount(),
                                       command.validFrom(), command.validTo(), command.routes(),
                                       command.flightIds()));
    }

    @CommandHandler
    void handle(DeleteDiscountCommand command) {
        if (deleted) {
            throw new RejectedException(Rejection.notFound("discount_not_found", "No such discount."));
        }
        apply(new DiscountDeletedEvent(discountId));
    }

    @EventSourcingHandler
    void on(DiscountCreatedEvent event) {
        discountId = event.discountId();
    }

    @EventSourcingHandler
    void on(DiscountDeletedEvent event) {
        deleted = true;
    }
}
