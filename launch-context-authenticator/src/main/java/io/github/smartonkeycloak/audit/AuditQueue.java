package io.github.smartonkeycloak.audit;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * The bounded hand-over between request threads and the one audit worker thread. {@link #offer} never blocks: when
 * the queue is full (the sink is slow or down) the event is dropped and counted, so a login is never held up by the
 * audit trail. Every event ends as written, failed or dropped, and each count is logged (counts only, no event
 * content) at most once per {@link #REPORT_INTERVAL}, and once more at shutdown.
 */
final class AuditQueue {

    /** Logged under this class's name, as docs/security.md lists it. */
    private static final Logger LOG = Logger.getLogger(AuditQueue.class);
    static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);

    /**
     * One AuditEvent and the sink it goes to (chosen by the realm's setting when the event happened). The JSON is
     * written by the writer thread, not by the request that raised the event.
     */
    record Delivery(Supplier<String> json, AuditSink sink) {

        Delivery(String json, AuditSink sink) {
            this(() -> json, sink);
        }
    }

    private final BlockingQueue<Delivery> queue;
    private final LongSupplier clockMillis;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastReportMillis = new AtomicLong(Long.MIN_VALUE);
    private volatile Thread worker;

    AuditQueue(int capacity, LongSupplier clockMillis) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.clockMillis = clockMillis;
    }

    void start() {
        Thread thread = new Thread(this::work, "smart-audit-writer");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Queues the delivery, or drops and counts it when the queue is full or closed; never blocks. */
    boolean offer(Delivery delivery) {
        if (worker == null || !queue.offer(delivery)) {
            dropped.incrementAndGet();
            report("dropped");
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** Events that could not even be queued (no FHIR URL, no service token): counted as failed. */
    void failedBeforeQueueing(int events, String why) {
        failed.addAndGet(events);
        report(why);
    }

    /** Writes what is queued; one at a time, so a slow sink slows only this thread and fills only this queue. */
    void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Delivery delivery;
            try {
                delivery = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            writeOne(delivery);
        }
    }

    void writeOne(Delivery delivery) {
        try {
            delivery.sink().write(delivery.json().get());
            written.incrementAndGet();
        } catch (InterruptedException e) {
            // Shutting down while writing: the event is lost, and counted; what is still queued counts as dropped.
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
            // The exception's class and message only: the sinks put no event content in them.
            report(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Stops the worker; what is still queued is counted as dropped and reported. */
    void close(Duration grace) {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = queue.size();
        queue.clear();
        dropped.addAndGet(left);
        if (dropped.get() > 0 || failed.get() > 0) {
            LOG.warnf("Audit trail at shutdown: %s", counts());
        }
    }

    private void report(String why) {
        long now = clockMillis.getAsLong();
        long last = lastReportMillis.get();
        if ((last == Long.MIN_VALUE || now - last >= REPORT_INTERVAL.toMillis()) && lastReportMillis.compareAndSet(last, now)) {
            LOG.warnf("Audit events not written (%s); so far: %s", why, counts());
        }
    }

    String counts() {
        return "written " + written.get() + ", failed " + failed.get() + ", dropped " + dropped.get() + ", queued "
                + queue.size();
    }

    long accepted() {
        return accepted.get();
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failed() {
        return failed.get();
    }

    int queued() {
        return queue.size();
    }

    boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return queue.isEmpty();
    }
}
