package io.tandem.query.chat;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.chat.ChatCommands.ChatMessageAccepted;
import io.tandem.api.chat.ChatCommands.MarkChatReadCommand;
import io.tandem.api.chat.ChatCommands.SendChatMessageCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.web.input.CleanText;
import io.tandem.platform.web.input.CleanTextModule.UncleanTextException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The chat's STOMP destinations: {@code /app/chat/send} answers the sending socket on
 * {@code /user/queue/chat/acks} with the message id and server time; {@code /app/chat/read} moves the read marker.
 * Refusals go to the failing socket on {@code /user/queue/errors} with the same status and code as the REST API.
 */
@Controller
class ChatSocketController {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketController.class);

    private final CommandGateway commands;

    ChatSocketController(CommandGateway commands) {
        this.commands = commands;
    }

    record SendRequest(String text, String fileId, String clientMessageId) {
    }

    record Acknowledgement(String clientMessageId, String messageId, String coupleId, Instant sentAt) {
    }

    record ReadRequest(String messageId) {
    }

    record ReadAcknowledgement(String messageId) {
    }

    record ErrorFrame(int status, String code, String detail) {
    }

    @MessageMapping("/chat/send")
    @SendToUser(destinations = "/queue/chat/acks", broadcast = false)
    Acknowledgement send(@Payload SendRequest request, Principal user) {
        ChatMessageAccepted accepted = commands.sendAndWait(new SendChatMessageCommand(
                user.getName(), UUID.randomUUID().toString(), request.text(), request.fileId()));
        return new Acknowledgement(request.clientMessageId(), accepted.messageId(), accepted.coupleId(),
                                   accepted.sentAt());
    }

    @MessageMapping("/chat/read")
    @SendToUser(destinations = "/queue/chat/acks", broadcast = false)
    ReadAcknowledgement read(@Payload ReadRequest request, Principal user) {
        if (request.messageId() == null || request.messageId().isBlank()) {
            throw new RejectedException(Rejection.invalid("invalid_message", "message_id is required."));
        }
        commands.sendAndWait(new MarkChatReadCommand(user.getName(), request.messageId()));
        return new ReadAcknowledgement(request.messageId());
    }

    /** The field of the frame's JSON that holds a control character, as the web's JSON rules refuse it. */
    private static Optional<String> uncleanField(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UncleanTextException unclean && !unclean.getPath().isEmpty()) {
                return Optional.ofNullable(unclean.getPath().get(unclean.getPath().size() - 1).getFieldName());
            }
        }
        return Optional.empty();
    }

    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    ErrorFrame refused(Exception failure) {
        if (failure instanceof MessageConversionException) {
            return new ErrorFrame(400, "invalid_message", uncleanField(failure)
                    .map(field -> field + " " + CleanText.PROBLEM + ".")
                    .orElse("The frame's body is not the JSON this destination takes."));
        }
        return Rejections.of(failure)
                         .map(rejection -> new ErrorFrame(rejection.kind().status(), rejection.code(),
                                                          rejection.detail()))
                         .orElseGet(() -> {
                             log.error("Unexpected chat failure", failure);
                             return new ErrorFrame(500, "internal_error", "Something went wrong on our side.");
                         });
    }
}
