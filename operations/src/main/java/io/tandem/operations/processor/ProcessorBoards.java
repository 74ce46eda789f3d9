package io.tandem.operations.processor;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.processor.BoardViews.ProcessorBoard;
import io.tandem.operations.processor.BoardViews.ProcessorView;

/** The processor board as this node reads it now, and the processors it knows. */
public class ProcessorBoards {

    private final ClusterReader reader;
    private final LocalReports local;
    private final BoardAssembler assembler;

    ProcessorBoards(ClusterReader reader, LocalReports local, BoardAssembler assembler) {
        this.reader = reader;
        this.local = local;
        this.assembler = assembler;
    }

    /** Other nodes as of their last heartbeat; this node as of now, so a single node's board is exact. */
    public ProcessorBoard current() {
        ClusterSnapshot cluster = reader.read();
        return assembler.assemble(cluster.withFresh(local.nodeId(), local.now(cluster.now())));
    }

    /** The named processor as the board shows it; 404 for a name no node and no token table knows. */
    public ProcessorView require(String name) {
        return current().processors().stream().filter(processor -> processor.name().equals(name)).findFirst()
                        .orElseThrow(() -> new RejectedException(Rejection.notFound(
                                "processor_not_found", "No event processor is called " + name + ".")));
    }
}
