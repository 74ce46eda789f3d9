package io.tandem.command.flight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.AirportQueries.AirportView;
import io.tandem.api.flight.FlightCommands.RegisterAirportCommand;
import io.tandem.platform.consistency.ReadYourWrites;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

@RestController
@Tag(name = "Admin: airports")
class AdminAirportController {

    private final CommandGateway commands;
    private final ReadYourWrites writes;

    AdminAirportController(CommandGateway commands, ReadYourWrites writes) {
        this.commands = commands;
        this.writes = writes;
    }

    @PostMapping("/api/admin/airports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an airport by its IATA code (codes are unique)")
    AirportView register(@Valid @RequestBody AirportRequest request) {
        RegisterAirportCommand command = new RegisterAirportCommand(
                request.code().strip().toUpperCase(Locale.ROOT), request.nameEn().strip(),
                request.nameKo().strip(), request.cityEn().strip(), request.cityKo().strip(),
                request.country().strip().toUpperCase(Locale.ROOT), request.timeZone().strip());
        writes.write(() -> commands.sendAndWait(command), ReadModels.AIRPORTS, ReadModels.FLIGHT_SEARCH);
        return new AirportView(command.code(), command.nameEn(), command.nameKo(), command.cityEn(),
                               command.cityKo(), command.country(), command.timeZone());
    }

    record AirportRequest(@NotBlank @Pattern(regexp = "\\s*[A-Za-z]{3}\\s*", message = "must be 3 letters (IATA)")
                          String code,
                          @NotBlank @Size(max = Airport.MAX_NAME_LENGTH) String nameEn,
                          @NotBlank @Size(max = Airport.MAX_NAME_LENGTH) String nameKo,
                          @NotBlank @Size(max = Airport.MAX_NAME_LENGTH) String cityEn,
                          @NotBlank @Size(max = Airport.MAX_NAME_LENGTH) String cityKo,
                          @NotBlank @Pattern(regexp = "\\s*[A-Za-z]{2}\\s*",
                                             message = "must be 2 letters (ISO 3166 country code)")
                          String country,
                          @NotBlank @IanaTimeZone String timeZone) {
    }

    /** A region of the IANA time zone database, such as {@code Asia/Seoul}; bare offsets do not say enough. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = IanaTimeZoneValidator.class)
    @interface IanaTimeZone {

        String message() default "must be an IANA time zone such as Asia/Seoul";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static class IanaTimeZoneValidator implements ConstraintValidator<IanaTimeZone, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || Airport.isTimeZone(value.strip());
        }
    }
}
