package io.tandem.command.flight;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.DiscountRule;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.platform.jdbc.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** The discounts the command side prices bookings with, kept from the discount events. */
@Component
@ProcessingGroup(ReadModels.PRICING_DISCOUNTS)
class PricingDiscounts {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    PricingDiscounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DiscountCreatedEvent event) {
        jdbc.sql("""
                 INSERT INTO pricing_discount (discount_id, type, amount, valid_from, valid_to, routes, flight_ids)
                 VALUES (:id, :type, :amount, :validFrom, :validTo, :routes, :flightIds)
                 ON CONFLICT (discount_id) DO NOTHING
                 """)
            .param("id", event.discountId())
            .param("type", event.type().name())
            .param("amount", event.amount())
            .param("validFrom", event.validFrom())
            .param("validTo", event.validTo())
            .param("routes", JsonColumns.write(event.routes()))
            .param("flightIds", JsonColumns.write(event.flightIds()))
            .update();
    }

    @EventHandler
    void on(DiscountDeletedEvent event) {
        jdbc.sql("DELETE FROM pricing_discount WHERE discount_id = :id").param("id", event.discountId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM pricing_discount").update();
    }

    List<DiscountRule> all() {
        return jdbc.sql("SELECT * FROM pricing_discount")
                   .query((rs, row) -> new DiscountRule(
                           rs.getString("discount_id"), DiscountType.valueOf(rs.getString("type")),
                           rs.getLong("amount"), rs.getObject("valid_from", java.time.LocalDate.class),
                           rs.getObject("valid_to", java.time.LocalDate.class), JsonColumns.read(rs.getString("routes"), STRINGS),
                           JsonColumns.read(rs.getString("flight_ids"), STRINGS)))
                   .list();
    }
}
