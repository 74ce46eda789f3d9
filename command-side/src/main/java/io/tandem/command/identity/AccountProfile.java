package io.tandem.command.identity;

import io.tandem.api.identity.Role;

import java.util.Set;

/** What a profile change answers with, straight from the account, so the caller reads its own write. */
record AccountProfile(String userId, String email, String name, String nickname, String profileImageUrl,
                      Set<Role> roles, boolean kakaoLinked) {
}
