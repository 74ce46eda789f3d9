package io.tandem.command.couple;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/** The couple feature's settings: how long invites last, which zone "today" is in, how early plans remind. */
@Component
class CoupleSettings {

    private final Duration inviteValidity;
    private final ZoneId zone;
    private final Duration planReminderLead;

    CoupleSettings(@Value("${tandem.couple.invite-validity:24h}") Duration inviteValidity,
                   @Value("${tandem.couple.zone:Asia/Seoul}") ZoneId zone,
                   @Value("${tandem.couple.plan-reminder-lead:PT2H}") Duration planReminderLead) {
        this.inviteValidity = inviteValidity;
        this.zone = zone;
        this.planReminderLead = planReminderLead;
    }

    Duration inviteValidity() {
        return inviteValidity;
    }

    ZoneId zone() {
        return zone;
    }

    Duration planReminderLead() {
        return planReminderLead;
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }
}
