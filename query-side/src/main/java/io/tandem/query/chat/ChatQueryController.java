package io.tandem.query.chat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.chat.ChatQueries.ChatHistory;
import io.tandem.api.chat.ChatQueries.ListChatMessagesQuery;
import io.tandem.api.paging.PageRequest;
import io.tandem.platform.security.CurrentUser;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Chat")
class ChatQueryController {

    private final QueryGateway queries;

    ChatQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/chat/messages")
    @Operation(summary = "Your couple's chat, newest first, with how far each of you has read")
    ChatHistory history(@RequestParam(name = "cursor", required = false) String cursor,
                        @RequestParam(name = "size", required = false) Integer size) {
        return queries.query(new ListChatMessagesQuery(CurrentUser.id(), PageRequest.cursorOnly(cursor, size)),
                             ChatHistory.class)
                      .join();
    }
}
