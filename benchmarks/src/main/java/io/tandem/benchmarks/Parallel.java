package io.tandem.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Closed-loop load: a number of threads that each take the next piece of work as soon as they finished theirs. */
final class Parallel {

    private Parallel() {
    }

    /** One piece of work, numbered from 0, done with the thread's own client or connection. */
    interface Task<C> {
        void run(C client, int index) throws Exception;
    }

    /**
     * Does tasks {@code 0..total-1} on {@code threads} threads, each with its own client made by {@code client} (from
     * the thread's number) on that thread, and answers the wall time in nanoseconds. The first failure stops every
     * thread and is rethrown.
     */
    static <C> long run(String name, int threads, int total, IntFunction<C> client, Task<C> task) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                try {
                    C own = client.apply(thread);
                    for (int i = next.getAndIncrement(); i < total && failures.isEmpty(); i = next.getAndIncrement()) {
                        task.run(own, i);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            }, name + "-" + thread).start();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long wall = System.nanoTime() - started;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + " failed", failures.get(0));
        }
        return wall;
    }
}
