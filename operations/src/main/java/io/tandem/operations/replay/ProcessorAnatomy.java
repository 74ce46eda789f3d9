package io.tandem.operations.replay;

import java.util.List;

/**
 * What a processor's handlers are, as the nodes that run it describe them (a row of {@code ops_processor_anatomy}),
 * so a node that does not run the processor can still plan its replay.
 *
 * @param tokenStore    {@code shared} (tokens in {@code tokenentry}) or {@code node} (in memory on every node)
 * @param tokenSchema   the schema of its {@code tokenentry} and {@code deadletterentry}
 * @param sagaType      the saga class of a saga processor, else null
 * @param supportsReset false when every handler disallows replay: Axon then refuses any reset
 */
record ProcessorAnatomy(String processor, String side, String tokenStore, String tokenSchema, String sagaType,
                        boolean supportsReset, List<HandlerAnatomy> handlers) {

    /**
     * One handler class of the processor.
     *
     * @param type            the class
     * @param handles         the payload types of its event handlers (a handler of a supertype handles subtypes)
     * @param skippedOnReplay its event handlers that do nothing for replayed events, and why
     * @param sideEffect      what it does outside its read model ({@code @SideEffect}), else null
     * @param resetHandler    it clears what it built when the processor is reset
     */
    record HandlerAnatomy(String type, List<String> handles, List<String> skippedOnReplay, String sideEffect,
                          boolean resetHandler) {
    }

    boolean perNode() {
        return "node".equals(tokenStore);
    }
}
