package io.tandem.command;

import io.tandem.api.identity.IssuedSession;
import io.tandem.api.identity.RefreshOutcome;
import io.tandem.api.identity.Role;
import io.tandem.platform.axon.AxonInfrastructureConfiguration;
import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In services mode a command's result crosses Axon Server as JSON, where the element types of a bare generic
 * collection are lost (a {@code Set<Role>} came back holding strings). Results are therefore records.
 */
class CommandResultsTravelTest {

    private final Serializer messages = new AxonInfrastructureConfiguration().messageSerializer(
            InMemoryPersonalDataKeys.perSubject());

    @Test
    void noCommandHandlerAnswersWithABareGenericType() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
        List<String> offenders = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.tandem.command")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                if (method.isAnnotationPresent(CommandHandler.class)
                    && method.getGenericReturnType() instanceof ParameterizedType) {
                    offenders.add(method.toGenericString());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void identityResultsKeepTheirTypesThroughTheMessageSerializer() {
        IssuedSession session = roundTrip(new IssuedSession(Set.of(Role.USER, Role.ADMIN)));
        assertThat(session.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
        RefreshOutcome outcome = roundTrip(RefreshOutcome.rotated(Set.of(Role.USER)));
        assertThat(outcome.roles()).containsExactly(Role.USER);
        assertThat(outcome.status()).isEqualTo(RefreshOutcome.Status.ROTATED);
    }

    private <T> T roundTrip(T result) {
        SerializedObject<byte[]> serialized = messages.serialize(result, byte[].class);
        return messages.deserialize(serialized);
    }
}
