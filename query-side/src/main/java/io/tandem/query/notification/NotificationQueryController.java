package io.tandem.query.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.notification.NotificationQueries.ListNotificationsQuery;
import io.tandem.api.notification.NotificationQueries.NotificationOrder;
import io.tandem.api.notification.NotificationQueries.NotificationPage;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import io.tandem.platform.security.CurrentUser;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Notifications")
class NotificationQueryController {

    private final QueryGateway queries;
    private final NotificationStreams streams;

    NotificationQueryController(QueryGateway queries, NotificationStreams streams) {
        this.queries = queries;
        this.streams = streams;
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Your notifications as Server-Sent Events; reconnect with Last-Event-ID to get what you "
                         + "missed first")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Cursor lastSeen = lastEventId == null || lastEventId.isBlank() ? null : Cursor.decode(lastEventId, 2);
        if (lastSeen != null) {
            lastSeen.instant(0); // read now: a malformed id is a 400, not a stream that breaks once open
        }
        return streams.open(CurrentUser.id(), lastSeen);
    }

    @GetMapping("/api/notifications")
    @Operation(summary = "Your notifications, newest first (order=newest) or unread first (order=unread_first)")
    NotificationPage list(@RequestParam(name = "order", defaultValue = "newest") String order,
                          @RequestParam(name = "cursor", required = false) String cursor,
                          @RequestParam(name = "size", required = false) Integer size) {
        return queries.query(new ListNotificationsQuery(CurrentUser.id(), order(order),
                                                        PageRequest.cursorOnly(cursor, size)),
                             NotificationPage.class)
                      .join();
    }

    private static NotificationOrder order(String order) {
        return switch (order) {
            case "newest" -> NotificationOrder.NEWEST_FIRST;
            case "unread_first" -> NotificationOrder.UNREAD_FIRST;
            default -> throw new RejectedException(Rejection.invalid(
                    "invalid_order", "order must be newest or unread_first."));
        };
    }
}
