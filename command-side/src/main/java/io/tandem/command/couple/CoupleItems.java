package io.tandem.command.couple;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which couple owns each anniversary, plan and calendar entry. Controllers check an id from a request here before
 * anything loads its aggregate: another couple's id answers 404 like an unknown one, and an id of another kind
 * never reaches a repository of the wrong aggregate type (whose cache could hold an aggregate of the other type).
 */
@Component
class CoupleItems {

    enum Kind {
        ANNIVERSARY("anniversary", "anniversary"),
        PLAN("plan", "plan"),
        CALENDAR_ENTRY("calendar_entry", "calendar entry");

        private final String code;
        private final String noun;

        Kind(String code, String noun) {
            this.code = code;
            this.noun = noun;
        }

        String code() {
            return code;
        }

        String noun() {
            return noun;
        }
    }

    private final JdbcClient jdbc;

    CoupleItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Written in the unit of work that stores the item's first event. */
    void register(String itemId, String coupleId, Kind kind) {
        jdbc.sql("INSERT INTO couple_item (item_id, couple_id, kind) VALUES (:itemId, :coupleId, :kind)")
            .param("itemId", itemId)
            .param("coupleId", coupleId)
            .param("kind", kind.name())
            .update();
    }

    /** Throws NOT_FOUND unless the id is an item of this kind that belongs to the couple. */
    void requireOwned(String itemId, String coupleId, Kind kind) {
        boolean owned = jdbc.sql("SELECT EXISTS (SELECT 1 FROM couple_item WHERE item_id = :itemId "
                                 + "AND couple_id = :coupleId AND kind = :kind)")
                            .param("itemId", itemId)
                            .param("coupleId", coupleId)
                            .param("kind", kind.name())
                            .query(Boolean.class)
                            .single();
        if (!owned) {
            throw CoupleRejections.notFound(kind);
        }
    }
}
