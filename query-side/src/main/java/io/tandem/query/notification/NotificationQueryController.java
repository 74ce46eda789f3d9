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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;


@RestController
@Tag(name = "Notifications")
class NotificationQueryController {

    private final QueryGateway queries;
    private final NotificationStreams streams;
    private final StreamTickets tickets;

    NotificationQueryController(QueryGateway queries, NotificationStreams streams, StreamTickets tickets) {
        this.queries = queries;
        this.streams = streams;
        this.tickets = tickets;
    }

    record StreamTicket(String ticket, long expiresIn) {
    }

    @PostMapping("/api/notifications/stream-ticket")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A single-use ticket, good for 30 seconds, to open your notification stream where no "
                         + "header can be sent (a browser's EventSource): GET /api/notifications/stream?ticket=")
    StreamTicket streamTicket() {
        Jwt token = CurrentUser.token();
        return new StreamTicket(tickets.issue(token.getSubject(), token.getIssuedAt(), token.getExpiresAt()),
                                StreamTickets.LIFETIME.toSeconds());
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Your notifications as Server-Sent Events, for the access token's lifetime; send the token "
                         + "as a Bearer header or a ticket from /api/notifications/stream-ticket; reconnect with "
                         + "Last-Event-ID to get what you missed first")
    SseEmitter stream(@RequestParam(name = "ticket", required = false) String ticket,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Cursor lastSeen = lastEventId == null || lastEventId.isBlank() ? null : Cursor.decode(lastEventId, 2);
        if (lastSeen != null) {
            lastSeen.instant(0); // read now: a malformed id is a 400, not a stream that breaks once open
        }
        if (ticket != null) {
            StreamTickets.Ticket redeemed = tickets.redeem(ticket).orElseThrow(() -> new RejectedException(
                    Rejection.unauthorized("invalid_ticket", "The ticket is unknown, used or expired.")));
            return streams.open(redeemed.userId(), lastSeen, redeemed.tokenIssuedAt(), redeemed.tokenExpiresAt());
        }
        Jwt token = CurrentUser.token();
        return streams.open(token.getSubject(), lastSeen, token.getIssuedAt(), token.getExpiresAt());
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
