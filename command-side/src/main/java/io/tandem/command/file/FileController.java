package io.tandem.command.file;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.file.FileCommands.DeleteFileCommand;
import io.tandem.api.file.FileCommands.RegisterFileCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import io.tandem.platform.storage.ContentTypeDetector;
import io.tandem.platform.storage.FileStorage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

@RestController
@Tag(name = "Files")
class FileController {

    private static final int MAX_FILE_NAME = 255;

    private final CommandGateway commands;
    private final FileStorage storage;
    private final ContentTypeDetector contentTypes;
    private final FileQuota quota;
    private final ReadYourWrites writes;

    FileController(CommandGateway commands, FileStorage storage, ContentTypeDetector contentTypes, FileQuota quota,
                   ReadYourWrites writes) {
        this.commands = commands;
        this.storage = storage;
        this.contentTypes = contentTypes;
        this.quota = quota;
        this.writes = writes;
    }

    /**
     * Tomcat keeps the part in a temporary file; from there it goes to the storage as a stream, its type detected
     * from its head and its hash computed on the way, so no upload is ever whole in the heap.
     */
    @PostMapping(path = "/api/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a file (at most 10 MB, within your storage quota; its type is checked from its "
                         + "content)")
    ResponseEntity<UploadedFile> upload(@RequestPart("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new RejectedException(Rejection.invalid("empty_file", "file is empty"));
        }
        String ownerId = CurrentUser.id();
        long size = file.getSize();
        quota.requireRoomFor(ownerId, size);
        String fileId = UUID.randomUUID().toString();
        String storageKey = "files/" + ownerId + "/" + fileId;
        String fileName = safeName(file.getOriginalFilename());
        MessageDigest digest = sha256();
        String contentType;
        try (InputStream content = new BufferedInputStream(new DigestInputStream(file.getInputStream(), digest))) {
            contentType = contentTypes.detect(content);
            storage.put(storageKey, content, size, contentType);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        try {
            RegisterFileCommand command = new RegisterFileCommand(fileId, ownerId, fileName, contentType, size,
                                                                  sha256, storageKey);
            writes.write(() -> commands.sendAndWait(command), ReadModels.FILES);
        } catch (RuntimeException failure) {
            storage.delete(storageKey);
            throw failure;
        }
        UploadedFile uploaded = new UploadedFile(fileId, fileName, contentType, size, sha256, "/api/files/" + fileId);
        return ResponseEntity.created(URI.create(uploaded.url())).body(uploaded);
    }

    @DeleteMapping("/api/files/{file_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete one of your files")
    void delete(@PathVariable("file_id") UUID fileId) {
        DeleteFileCommand command = new DeleteFileCommand(fileId.toString(), CurrentUser.id());
        try {
            writes.write(() -> commands.sendAndWait(command), ReadModels.FILES);
        } catch (RuntimeException failure) {
            // an unknown id, an id of something else and someone else's file all answer alike
            if (Rejections.isNotFound(failure)) {
                throw new RejectedException(Rejection.notFound("file_not_found", "No such file."));
            }
            throw failure;
        }
    }

    /** Keeps only the last path segment of what the client calls the file, trimmed to a sane length. */
    private static String safeName(String original) {
        if (original == null || original.isBlank()) {
            return "file";
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
        if (name.isEmpty()) {
            return "file";
        }
        return name.length() > MAX_FILE_NAME ? name.substring(name.length() - MAX_FILE_NAME) : name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    record UploadedFile(String fileId, String fileName, String contentType, long size, String sha256, String url) {
    }
}
