package io.tandem.command.couple;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;

/** The refusals the couple feature shares between its controllers and aggregates, so each has one code. */
final class CoupleRejections {

    private CoupleRejections() {
    }

    static RejectedException notInCouple() {
        return new RejectedException(Rejection.notFound("not_in_couple", "You are not in a couple."));
    }

    static RejectedException alreadyInCouple() {
        return new RejectedException(Rejection.conflict("already_in_couple", "You are already in a couple."));
    }

    static RejectedException inviteNotFound() {
        return new RejectedException(Rejection.notFound("invite_not_found",
                                                        "No such invite code, or it is used, expired or replaced."));
    }

    static RejectedException notFound(CoupleItems.Kind kind) {
        return new RejectedException(Rejection.notFound(kind.code() + "_not_found",
                                                        "No such " + kind.noun() + "."));
    }
}
