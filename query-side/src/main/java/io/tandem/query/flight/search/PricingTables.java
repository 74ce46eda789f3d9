package io.tandem.query.flight.search;

import io.tandem.api.flight.DiscountRule;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.PromotionCreatedEvent;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The flight-search projection's discounts and promotions (see {@code V2026.11.22.0500__flight_search.sql}): what
 * prices the schedules in search and what the front page advertises. Versioned like {@link SearchTables}.
 */
@Component
class PricingTables {

    private static final RowMapper<DiscountRule> DISCOUNT = (rs, row) -> new DiscountRule(
            rs.getString("discount_id"), DiscountType.valueOf(rs.getString("type")), rs.getLong("amount"),
            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
            strings(rs.getArray("routes")), strings(rs.getArray("flight_ids")));
    private static final RowMapper<PromotionRow> PROMOTION = (rs, row) -> new PromotionRow(
            rs.getString("promotion_id"), rs.getString("title"), rs.getString("description"), rs.getString("origin"),
            rs.getString("destination"), rs.getObject("valid_from", LocalDate.class),
            rs.getObject("valid_to", LocalDate.class));

    private final JdbcClient jdbc;

    PricingTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record PromotionRow(String promotionId, String title, String description, String origin, String destination,
                        LocalDate validFrom, LocalDate validTo) {

        String route() {
            return DiscountRule.route(origin, destination);
        }
    }

    void insertDiscount(int version, DiscountCreatedEvent event) {
        jdbc.sql("""
                 INSERT INTO flight_search_discount (version, discount_id, type, amount, valid_from, valid_to, routes,
                                                     flight_ids)
                 VALUES (:version, :discountId, :type, :amount, :validFrom, :validTo, :routes, :flightIds)
                 ON CONFLICT (version, discount_id) DO NOTHING
                 """)
            .param("version", version)
            .param("discountId", event.discountId())
            .param("type", event.type().name())
            .param("amount", event.amount())
            .param("validFrom", event.validFrom())
            .param("validTo", event.validTo())
            .param("routes", (event.routes() == null ? List.<String>of() : event.routes()).toArray(String[]::new))
            .param("flightIds",
                   (event.flightIds() == null ? List.<String>of() : event.flightIds()).toArray(String[]::new))
            .update();
    }

    Optional<DiscountRule> deleteDiscount(int version, String discountId) {
        return jdbc.sql("DELETE FROM flight_search_discount WHERE version = :version AND discount_id = :id "
                        + "RETURNING *")
                   .param("version", version)
                   .param("id", discountId)
                   .query(DISCOUNT).optional();
    }

    /** Discounts whose period overlaps [from, to]. */
    List<DiscountRule> discounts(int version, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT * FROM flight_search_discount
                        WHERE version = :version AND valid_from <= :to AND valid_to >= :from
                        """)
                   .param("version", version)
                   .param("from", from)
                   .param("to", to)
                   .query(DISCOUNT).list();
    }

    void upsertPromotion(int version, PromotionCreatedEvent event) {
        jdbc.sql("""
                 INSERT INTO flight_search_promotion (version, promotion_id, title, description, origin, destination,
                                                      valid_from, valid_to)
                 VALUES (:version, :promotionId, :title, :description, :origin, :destination, :validFrom, :validTo)
                 ON CONFLICT (version, promotion_id) DO NOTHING
                 """)
            .param("version", version)
            .param("promotionId", event.promotionId())
            .param("title", event.title())
            .param("description", event.description())
            .param("origin", event.origin())
            .param("destination", event.destination())
            .param("validFrom", event.validFrom())
            .param("validTo", event.validTo())
            .update();
    }

    void deletePromotion(int version, String promotionId) {
        jdbc.sql("DELETE FROM flight_search_promotion WHERE version = :version AND promotion_id = :id")
            .param("version", version)
            .param("id", promotionId)
            .update();
    }

    /** Promotions whose period takes in the given dates (one day either side of today covers every time zone). */
    List<PromotionRow> promotionsAround(int version, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT * FROM flight_search_promotion
                        WHERE version = :version AND valid_from <= :to AND valid_to >= :from
                        ORDER BY valid_from, promotion_id
                        """)
                   .param("version", version)
                   .param("from", from)
                   .param("to", to)
                   .query(PROMOTION).list();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
