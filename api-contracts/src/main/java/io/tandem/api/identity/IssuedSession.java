package io.tandem.api.identity;

import java.util.Set;

/**
 * The answer to an {@link IdentityCommands.IssueRefreshTokenCommand}: the account's roles. A record rather than a
 * bare {@code Set<Role>}, so the element type survives serialization when the command runs on another node.
 */
public record IssuedSession(Set<Role> roles) {
}
