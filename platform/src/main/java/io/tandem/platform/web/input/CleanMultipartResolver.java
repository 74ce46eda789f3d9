package io.tandem.platform.web.input;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

import java.util.List;

/**
 * Multipart as the servlet container parses it, with every part's file name held to {@link CleanText}. The
 * container refuses a NUL in a file name itself; that refusal names the field like every other.
 */
public class CleanMultipartResolver extends StandardServletMultipartResolver {

    static final String FIELD = "filename";

    @Override
    public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
        MultipartHttpServletRequest multipart;
        try {
            multipart = super.resolveMultipart(request);
        } catch (MultipartException e) {
            throw causedByFileName(e) ? new UncleanInputException(FIELD) : e;
        }
        List<MultipartFile> files = multipart.getMultiFileMap().values().stream().flatMap(List::stream).toList();
        for (MultipartFile file : files) {
            if (!CleanText.isClean(file.getOriginalFilename(), CleanText.Lines.REFUSED)) {
                cleanupMultipart(multipart);
                throw new UncleanInputException(FIELD);
            }
        }
        return multipart;
    }

    private static boolean causedByFileName(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFileNameException) {
                return true;
            }
        }
        return false;
    }
}
