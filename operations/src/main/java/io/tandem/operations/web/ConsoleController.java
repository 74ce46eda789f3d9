package io.tandem.operations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Operations: console", description = "What the ops console page needs besides the operations API")
class ConsoleController {

    private final ConsoleProperties properties;

    ConsoleController(ConsoleProperties properties) {
        this.properties = properties;
    }

    /** @param axonServerDashboardUrl the Axon Server dashboard, when this deployment has one to link to */
    record ConsoleSettings(String axonServerDashboardUrl) {
    }

    @GetMapping("/api/admin/console")
    @Operation(summary = "The console's settings: the Axon Server dashboard's address in services mode")
    ConsoleSettings settings() {
        return new ConsoleSettings(properties.axonServerDashboardUrl());
    }
}
