package io.tandem.api.flight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An aircraft's seats, as cabin sections of consecutive rows sharing the same seat letters
 * (rows 1-2 "AD" in first, rows 3-10 "ACDF" in business, ...). Seat ids are row number plus letter: {@code 12C}.
 */
public record SeatMap(String aircraft, List<Section> sections) {

    public SeatMap {
        sections = List.copyOf(sections);
    }

    public record Section(Cabin cabin, int fromRow, int toRow, String letters) {
    }

    /** Every seat id with its cabin, front to back. */
    public Map<String, Cabin> seats() {
        Map<String, Cabin> seats = new LinkedHashMap<>();
        for (Section section : sections) {
            for (int row = section.fromRow(); row <= section.toRow(); row++) {
                for (char letter : section.letters().toCharArray()) {
                    seats.put(row + String.valueOf(letter), section.cabin());
                }
            }
        }
        return seats;
    }

    /** Why the map is unusable, or an empty list. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sections.isEmpty()) {
            problems.add("seat_map.sections must not be empty");
        }
        int seatCount = 0;
        java.util.Set<Integer> rows = new java.util.HashSet<>();
        for (Section section : sections) {
            if (section.cabin() == null || section.fromRow() < 1 || section.toRow() < section.fromRow()
                || section.toRow() > 99 || section.letters() == null
                || !section.letters().matches("[A-K]{1,10}")) {
                problems.add("seat_map.sections need a cabin, rows 1-99 with from_row <= to_row and letters A-K");
                continue;
            }
            for (int row = section.fromRow(); row <= section.toRow(); row++) {
                if (!rows.add(row)) {
                    problems.add("seat_map row " + row + " is in two sections");
                }
            }
            seatCount += (section.toRow() - section.fromRow() + 1) * section.letters().length();
        }
        if (seatCount > 1000) {
            problems.add("seat_map has more than 1000 seats");
        }
        return problems;
    }
}
