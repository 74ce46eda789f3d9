package io.tandem.operations.audit.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.audit.view.EventView;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cellsAreQuotedWhenTheyMustBeAndNeverStartAFormula() {
        assertThat(CsvRows.cell("plain")).isEqualTo("plain");
        assertThat(CsvRows.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRows.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRows.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvRows.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvRows.cell("-1")).isEqualTo("'-1");
    }

    @Test
    void anEventIsOneRowInTheHeadersOrder() throws Exception {
        EventView event = new EventView(7L, "Booking", "TD1", 0, "e-1", Instant.parse("2026-12-06T09:00:00Z"),
                                        "BookingPlacedEvent", "x.BookingPlacedEvent", null,
                                        JSON.readTree("{\"amount\":1,\"note\":\"a,b\"}"),
                                        JSON.readTree("{\"user_id\":\"u-1\",\"correlation_id\":\"c-1\"}"));
        String row = CsvRows.row(event, JSON);
        assertThat(row).startsWith("7,2026-12-06T09:00:00Z,Booking,TD1,0,BookingPlacedEvent,e-1,u-1,c-1,,")
                       .contains("\"{\"\"amount\"\":1,\"\"note\"\":\"\"a,b\"\"}\"").endsWith("\r\n");
        assertThat(CsvRows.HEADER.split(",")).hasSize(12);
    }
}
