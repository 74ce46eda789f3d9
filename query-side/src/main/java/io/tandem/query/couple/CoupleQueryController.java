package io.tandem.query.couple;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleQueries.AnniversaryPage;
import io.tandem.api.couple.CoupleQueries.CalendarPage;
import io.tandem.api.couple.CoupleQueries.CoupleInfo;
import io.tandem.api.couple.CoupleQueries.FindCoupleInfoQuery;
import io.tandem.api.couple.CoupleQueries.ListAnniversariesQuery;
import io.tandem.api.couple.CoupleQueries.ListCalendarEntriesQuery;
import io.tandem.api.couple.CoupleQueries.ListPlansQuery;
import io.tandem.api.couple.CoupleQueries.PlanPage;
import io.tandem.api.paging.PageRequest;
import io.tandem.platform.security.CurrentUser;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.DateTimeException;
import java.time.YearMonth;

/** What the two partners of a couple read; anyone in no couple gets 404 {@code not_in_couple}. */
@RestController
@Tag(name = "Couple")
class CoupleQueryController {

    private final QueryGateway queries;

    CoupleQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/couple/info")
    @Operation(summary = "Your partner's profile, the day you started and your D-day (the first day is day 1)")
    CoupleInfo info() {
        return queries.query(new FindCoupleInfoQuery(CurrentUser.id()), CoupleInfo.class).join();
    }

    @GetMapping("/api/anniversary")
    @Operation(summary = "Your anniversaries and your 100-day and yearly milestones of the coming year, soonest "
                         + "first (one-off dates already past last); by page or cursor")
    AnniversaryPage anniversaries(@RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer size) {
        return queries.query(new ListAnniversariesQuery(CurrentUser.id(), PageRequest.of(page, cursor, size)),
                             AnniversaryPage.class).join();
    }

    @GetMapping("/api/plan")
    @Operation(summary = "Your plans in time order; by page or cursor")
    PlanPage plans(@RequestParam(required = false) Integer page,
                   @RequestParam(required = false) String cursor,
                   @RequestParam(required = false) Integer size) {
        return queries.query(new ListPlansQuery(CurrentUser.id(), PageRequest.of(page, cursor, size)),
                             PlanPage.class).join();
    }

    @GetMapping("/api/calendar")
    @Operation(summary = "Your shared calendar for one month, by date; by page or cursor")
    CalendarPage calendar(@Parameter(example = "2026-11") @RequestParam String month,
                          @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer size) {
        return queries.query(new ListCalendarEntriesQuery(CurrentUser.id(), month(month),
                                                          PageRequest.of(page, cursor, size)),
                             CalendarPage.class).join();
    }

    private static YearMonth month(String month) {
        if (month.matches("\\d{4}-\\d{2}")) {
            try {
                return YearMonth.parse(month);
            } catch (DateTimeException e) {
                // falls through to the same answer as any other malformed month
            }
        }
        throw new RejectedException(Rejection.invalid("invalid_month", "month: must look like 2026-11."));
    }
}
