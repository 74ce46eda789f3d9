package io.tandem.command.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityCommands.ChangeProfileImageCommand;
import io.tandem.api.identity.IdentityCommands.EraseUserCommand;
import io.tandem.api.identity.IdentityCommands.UpdateProfileCommand;
import io.tandem.api.identity.ProfileImages;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import io.tandem.platform.storage.ContentTypeDetector;
import io.tandem.platform.storage.FileStorage;
import io.tandem.platform.storage.ImageResizer;
import io.tandem.platform.storage.ResizedImage;
import io.tandem.platform.storage.UnsupportedFileTypeException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.UUID;

@RestController
@Tag(name = "Profile")
class ProfileController {

    private static final Set<String> RESIZABLE = Set.of("image/jpeg", "image/png", "image/gif");

    private final CommandGateway commands;
    private final FileStorage storage;
    private final ContentTypeDetector contentTypes;
    private final ImageResizer resizer;
    private final PasswordChecks passwords;
    private final ReadYourWrites writes;

    ProfileController(CommandGateway commands, FileStorage storage, ContentTypeDetector contentTypes,
                      ImageResizer resizer, PasswordChecks passwords, ReadYourWrites writes) {
        this.commands = commands;
        this.storage = storage;
        this.contentTypes = contentTypes;
        this.resizer = resizer;
        this.passwords = passwords;
        this.writes = writes;
    }

    @PatchMapping("/api/user/profile")
    @Operation(summary = "Change name and/or nickname; absent fields stay as they are")
    AccountProfile update(@Valid @RequestBody ProfileChange change) {
        return send(new UpdateProfileCommand(CurrentUser.id(), strip(change.name()), strip(change.nickname())));
    }

    @PutMapping("/api/auth/profile")
    @Operation(summary = "Alias of PATCH /api/user/profile")
    AccountProfile replace(@Valid @RequestBody ProfileChange change) {
        return update(change);
    }

    /** Read as a stream from Tomcat's temporary file; only the small resized image is ever in the heap. */
    @PostMapping(path = "/api/user/profile/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a profile image (JPEG, PNG or GIF, at most 50 megapixels); it is resized, served "
                         + "publicly and replaces the previous one")
    AccountProfile uploadImage(@RequestPart("image") MultipartFile image) throws IOException {
        ResizedImage resized;
        try (InputStream content = new BufferedInputStream(image.getInputStream())) {
            String type = contentTypes.detect(content);
            if (!RESIZABLE.contains(type)) {
                throw new UnsupportedFileTypeException(type);
            }
            resized = resizer.resize(content);
        }
        String imageId = UUID.randomUUID().toString();
        String key = ProfileImages.storageKey(imageId);
        storage.put(key, new ByteArrayInputStream(resized.content()), resized.content().length,
                    resized.contentType());
        try {
            return send(new ChangeProfileImageCommand(CurrentUser.id(), imageId));
        } catch (RuntimeException failure) {
            storage.delete(key);
            throw failure;
        }
    }

    @DeleteMapping("/api/user")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the signed-in user's account: sign-in ends for good and their personal data "
                         + "becomes unreadable everywhere. Needs the password, or a sign-in within 5 minutes")
    void erase(@Valid @RequestBody(required = false) ErasureConfirmation confirmation) {
        String userId = CurrentUser.id();
        passwords.requireRecentSignInOrPassword(userId, confirmation == null ? null : confirmation.password());
        send(new EraseUserCommand(userId));
    }

    /** Answers once the profile read model shows the change. */
    private <R> R send(Object command) {
        return writes.write(() -> commands.sendAndWait(command), ReadModels.USER_PROFILES);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** What confirms an erasure when the access token is not from a recent sign-in (security review L9). */
    record ErasureConfirmation(@Size(max = 72) String password) {
    }

    record ProfileChange(@Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
                         String name,
                         @Size(max = 30) String nickname) {

        @AssertTrue(message = "give name and/or nickname")
        boolean isNameOrNickname() {
            return name != null || nickname != null;
        }
    }
}
