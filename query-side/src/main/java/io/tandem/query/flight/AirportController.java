package io.tandem.query.flight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.flight.AirportQueries.AirportList;
import io.tandem.api.flight.AirportQueries.SearchAirportsQuery;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

@RestController
@Tag(name = "Flights")
class AirportController {

    private final QueryGateway queries;

    AirportController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/flights/airports")
    @Operation(summary = "Airports by code, or by airport or city name in English or Korean; all without q")
    AirportList airports(@RequestParam(required = false) @Size(max = 50) String q) {
        return queries.query(new SearchAirportsQuery(q), AirportList.class).join();
    }

    @GetMapping("/api/flights/health")
    @Operation(summary = "Whether the flight read side answers")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
