package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.node.LocalProcessors;
import io.tandem.platform.replay.SideEffect;
import io.tandem.platform.storage.FileStorage;
import io.tandem.platform.storage.StoredObject;
import io.tandem.platform.storage.StoredObjectNotFoundException;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.tandem.launcher.ReplayRequests.PATIENCE;
import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Side effects never fire for replayed events. Every handler class that can act outside its read model is marked
 * {@code @SideEffect} (or is a saga, which is never replayed); and a full replay of every processor from the first
 * event sends no notification, deletes no file and calls no payment provider, while a new event during the replay
 * still notifies.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ReplaySideEffectsTest {

    /** What a handler needs to act outside its own read model. */
    private static final Set<String> OUTSIDE = Set.of(
            "org.axonframework.commandhandling.gateway.CommandGateway",
            "org.axonframework.commandhandling.CommandBus",
            "org.axonframework.eventhandling.gateway.EventGateway",
            "org.axonframework.deadline.DeadlineManager",
            "io.tandem.platform.storage.FileStorage",
            "io.tandem.saga.payment.BootpayClient",
            "org.springframework.mail.javamail.JavaMailSender",
            "io.tandem.command.identity.AccountMail",
            "org.springframework.messaging.simp.SimpMessagingTemplate",
            "io.tandem.query.notification.NotificationStreams");
    private static final String SKIPPED = "tandem.replay.side.effects.skipped";

    @LocalServerPort
    int port;
    @Autowired
    LocalProcessors processors;
    @Autowired
    CommandBus commandBus;
    @Autowired
    FileStorage storage;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
    }

    @Test
    void everyHandlerThatCanActOutsideItsReadModelIsMarkedOrASaga() {
        List<String> audited = new ArrayList<>();
        for (LocalProcessor processor : processors.all()) {
            for (Class<?> handler : processor.handlerTypes()) {
                if (processor.sagaType() != null || !dependsOnTheOutside(handler)) {
                    continue;
                }
                assertThat(handler.isAnnotationPresent(SideEffect.class))
                        .as(handler.getName() + " in " + processor.name() + " acts outside its read model").isTrue();
                audited.add(handler.getSimpleName());
            }
        }
        assertThat(audited).contains("BookingNotifications", "CommentNotifications", "CoupleNotifications",
                                     "MaintenanceDueNotifier", "StoredBytesCleanup", "ProfileImageCleanup",
                                     "ChatPush", "NotificationPush");
    }

    private static boolean dependsOnTheOutside(Class<?> handler) {
        Stream<Class<?>> constructorParameters = Arrays.stream(handler.getDeclaredConstructors())
                                                       .map(Constructor::getParameterTypes).flatMap(Arrays::stream);
        Stream<Class<?>> fields = Arrays.stream(handler.getDeclaredFields()).map(Field::getType);
        return Stream.concat(constructorParameters, fields).anyMatch(type -> OUTSIDE.contains(type.getName()));
    }

    @Test
    void aFullReplayOfEveryProcessorFiresNoSideEffect() throws IOException {
        Account author = OperationsAccounts.withRole(anonymous, null);
        Account commenter = OperationsAccounts.withRole(anonymous, null);
        String postId = author.api().post("/api/post", json(Map.of("title", "replay me", "content", "c")))
                              .json().get("post_id").asText();
        comment(commenter, postId, "first");
        await().atMost(PATIENCE).until(() -> notifications(author).size() == 1);
        String storageKey = deletedFileRestoredInStorage(author);

        long head = jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single();
        int refunds = AllInOneTestServers.BOOTPAY.refunds().size();
        double skippedNotifications = skipped("CommentNotifications");
        double skippedDeletions = skipped("StoredBytesCleanup");
        List<String> notifiedFor = new CopyOnWriteArrayList<>();
        Registration counting = commandBus.registerDispatchInterceptor(messages -> (index, message) -> {
            if (message.getPayload() instanceof SendNotificationCommand) {
                notifiedFor.add(String.valueOf(message.getMetaData().get("causation_id")));
            }
            return message;
        });
        Map<String, String> replays = new LinkedHashMap<>();
        try {
            for (JsonNode processor : admin.get("/api/admin/processors").json().get("processors")) {
                String name = processor.get("name").asText();
                ApiResponse started = ReplayRequests.request(admin, name, "tail", "side-effect audit", true);
                if (started.status() == 202) {
                    replays.put(name, started.json().get("replay_id").asText());
                } else {
                    assertThat(started.status()).as(name + ": " + started).isEqualTo(409);
                    assertThat(started.json().get("code").asText()).as(name)
                            .isIn("saga_not_replayable", "replay_not_supported");
                }
            }
            assertThat(replays).containsKeys("notification-triggers", "stored-bytes-cleanup", "notifications",
                                             "bookings", "user-profiles", "payment-orders");
            comment(commenter, postId, "during the replay");
            replays.forEach((name, id) -> ReplayRequests.awaitDone(admin, name, id));
            await().atMost(PATIENCE).until(() -> notifications(author).size() == 2);
        } finally {
            counting.cancel();
        }

        List<Long> causes = notifiedFor.isEmpty() ? List.of()
                : jdbc.sql("SELECT globalindex FROM domainevententry WHERE eventidentifier = ANY (?)")
                      .param(notifiedFor.toArray(String[]::new)).query(Long.class).list();
        assertThat(causes).as("notifications sent for replayed events").noneMatch(position -> position <= head);
        assertThat(causes).as("the comment made during the replay still notified").isNotEmpty();
        assertThat(skipped("CommentNotifications")).isGreaterThan(skippedNotifications);
        assertThat(skipped("StoredBytesCleanup")).isGreaterThan(skippedDeletions);
        try (StoredObject kept = storage.get(storageKey)) {
            assertThat(kept.content().readAllBytes()).as("the replay deleted no file").isNotEmpty();
        }
        assertThat(AllInOneTestServers.BOOTPAY.refunds()).as("no payment provider call").hasSize(refunds);
    }

    /** A file uploaded and deleted (its bytes removed by the cleanup), whose bytes are then put back by hand. */
    private String deletedFileRestoredInStorage(Account owner) {
        byte[] png = TestImages.png(4, 4);
        String fileId = owner.api().upload("/api/files", "file", "kept.png", "image/png", png).json().get("file_id")
                             .asText();
        String storageKey = "files/" + owner.userId() + "/" + fileId;
        assertThat(owner.api().delete("/api/files/" + fileId).status()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> storage.get(storageKey).close())
                .isInstanceOf(StoredObjectNotFoundException.class));
        storage.put(storageKey, new ByteArrayInputStream(png), png.length, "image/png");
        return storageKey;
    }

    private static void comment(Account commenter, String postId, String text) {
        ApiResponse commented = commenter.api().post("/api/post/" + postId + "/comment", json(Map.of("content", text)));
        assertThat(commented.status()).as(commented.toString()).isEqualTo(201);
    }

    private static List<JsonNode> notifications(Account user) {
        List<JsonNode> items = new ArrayList<>();
        user.api().get("/api/notifications").json().get("items").forEach(items::add);
        return items;
    }

    private double skipped(String handler) {
        Counter counter = meters.find(SKIPPED).tag("handler", handler).counter();
        return counter == null ? 0 : counter.count();
    }
}
