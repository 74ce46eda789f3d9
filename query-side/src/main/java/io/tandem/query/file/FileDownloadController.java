package io.tandem.query.file;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.file.FileQueries.FileMetadata;
import io.tandem.api.file.FileQueries.FindFileQuery;
import io.tandem.api.identity.ProfileImages;
import io.tandem.platform.security.CurrentUser;
import io.tandem.platform.storage.FileStorage;
import io.tandem.platform.storage.StoredObject;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

@RestController
@Tag(name = "Files")
class FileDownloadController {

    private static final Duration PROFILE_IMAGE_MAX_AGE = Duration.ofMinutes(5);

    private final QueryGateway queries;
    private final FileStorage storage;

    FileDownloadController(QueryGateway queries, FileStorage storage) {
        this.queries = queries;
        this.storage = storage;
    }

    @GetMapping("/api/files/{file_id}")
    @Operation(summary = "Download one of your files, or one shared with you (such as your partner's calendar photos)")
    ResponseEntity<InputStreamResource> download(@PathVariable("file_id") UUID fileId) {
        FileMetadata file = queries.query(new FindFileQuery(fileId.toString(), CurrentUser.id()),
                                          ResponseTypes.optionalInstanceOf(FileMetadata.class))
                                   .join()
                                   .orElseThrow(() -> new RejectedException(
                                           Rejection.notFound("file_not_found", "No such file.")));
        StoredObject stored = storage.get(file.storageKey());
        return ResponseEntity.ok()
                             .contentType(MediaType.parseMediaType(file.contentType()))
                             .contentLength(stored.length())
                             .eTag('"' + file.sha256() + '"')
                             .header("X-Content-Type-Options", "nosniff")
                             .header("Content-Disposition", ContentDisposition.attachment()
                                                            .filename(file.fileName(), StandardCharsets.UTF_8)
                                                            .build().toString())
                             .cacheControl(CacheControl.noCache().cachePrivate())
                             .body(new InputStreamResource(stored.content()));
    }

    /**
     * Public by unguessable id, and cached by browsers and proxies for a few minutes only: a replaced image is
     * deleted, an erased person's too, and no cache should keep showing them for long.
     */
    @GetMapping("/api/profile-images/{image_id}")
    @Operation(summary = "A profile image (public by unguessable id)")
    ResponseEntity<InputStreamResource> profileImage(@PathVariable("image_id") UUID imageId) {
        StoredObject stored = storage.get(ProfileImages.storageKey(imageId.toString()));
        return ResponseEntity.ok()
                             .contentType(MediaType.parseMediaType(stored.contentType()))
                             .contentLength(stored.length())
                             .header("X-Content-Type-Options", "nosniff")
                             .cacheControl(CacheControl.maxAge(PROFILE_IMAGE_MAX_AGE).cachePublic())
                             .body(new InputStreamResource(stored.content()));
    }
}
