package io.tandem.platform.pipeline;

import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * A failure as text that PostgreSQL and its JSON types accept whatever the failing event held: control characters
 * (NUL above all, which text columns and jsonb refuse) become {@code '?'} and long messages are cut, so writing the
 * dead letter never fails for the reason the event did.
 */
final class FailureText {

    static final int MAX_LENGTH = 1000;
    private static final String OWN_CODE = "io.tandem.";

    private FailureText() {
    }

    /** {@code "<exception class>: <message>"}. */
    static String of(Throwable failure) {
        return clean(failure.getClass().getName() + ": " + failure.getMessage());
    }

    /** The failure as the dead letter's cause (type and cleaned message, columns of 255 and 1023 characters). */
    static ThrowableCause cause(Throwable failure) {
        return new ThrowableCause(failure.getClass().getName(), clean(String.valueOf(failure.getMessage())));
    }

    /**
     * Where the failure happened, {@code <class>.<method>:<line>}: the first frame of Tandem's own code in the stack
     * of the failure or of its causes (the handler or the helper it called, whatever library threw), else the
     * failure's own first frame; empty without a stack trace.
     */
    static String topFrame(Throwable failure) {
        for (Throwable level = failure; level != null; level = level.getCause() == level ? null : level.getCause()) {
            for (StackTraceElement frame : level.getStackTrace()) {
                if (frame.getClassName().startsWith(OWN_CODE)) {
                    return describe(frame);
                }
            }
        }
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length == 0 ? "" : describe(frames[0]);
    }

    private static String describe(StackTraceElement frame) {
        return clean(frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber());
    }

    static String clean(String text) {
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && cleaned.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c == 0x7f;
            boolean loneSurrogate = Character.isSurrogate(c) && !pairedAt(text, i);
            cleaned.append(control || loneSurrogate ? '?' : c);
        }
        if (!cleaned.isEmpty() && Character.isHighSurrogate(cleaned.charAt(cleaned.length() - 1))) {
            cleaned.setLength(cleaned.length() - 1); // the cut split a pair
        }
        return cleaned.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                                            : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
