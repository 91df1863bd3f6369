package io.github.smartonkeycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue between requests and the audit worker: bounded, never blocking, and every event counted. */
class AuditQueueTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch writing = new CountDownLatch(1);
    private final AuditSink stuck = json -> {
        writing.countDown();
        release.await();
    };
    private AuditQueue queue;

    @AfterEach
    void stop() {
        release.countDown();
        if (queue != null) {
            queue.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void aStuckSinkFillsTheQueueThenEventsAreDroppedAndCountedWithoutWaiting() throws Exception {
        queue = new AuditQueue(2, System::currentTimeMillis);
        queue.start();
        queue.offer(new AuditQueue.Delivery("{}", stuck));
        assertThat(writing.await(5, TimeUnit.SECONDS)).as("the worker holds the first event").isTrue();

        long start = System.nanoTime();
        boolean second = queue.offer(new AuditQueue.Delivery("{}", stuck));
        boolean third = queue.offer(new AuditQueue.Delivery("{}", stuck));
        boolean fourth = queue.offer(new AuditQueue.Delivery("{}", stuck));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(second).isTrue();
        assertThat(third).isTrue();
        assertThat(fourth).as("the queue holds 2").isFalse();
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.queued()).isEqualTo(2);
        assertThat(tookMillis).as("offer never waits for the sink").isLessThan(1000);
    }

    @Test
    void whatIsWrittenAndWhatFailsIsCounted() throws Exception {
        AuditSink failing = mock(AuditSink.class);
        doThrow(new IOException("the FHIR server answered HTTP 503 to POST AuditEvent")).when(failing).write(anyString());
        AuditSink working = mock(AuditSink.class);
        queue = new AuditQueue(10, System::currentTimeMillis);
        queue.start();

        queue.offer(new AuditQueue.Delivery("{\"a\":1}", working));
        queue.offer(new AuditQueue.Delivery("{\"b\":2}", failing));

        verify(working, timeout(5000)).write("{\"a\":1}");
        verify(failing, timeout(5000)).write("{\"b\":2}");
        assertThat(queue.awaitEmpty(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.currentTimeMillis() + 5000;
        while (queue.written() + queue.failed() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(queue.written()).isEqualTo(1);
        assertThat(queue.failed()).isEqualTo(1);
        assertThat(queue.accepted()).isEqualTo(2);
    }

    @Test
    void anEventTheWriterCannotMapCountsAsFailedAndTheNextIsStillWritten() throws Exception {
        AuditSink working = mock(AuditSink.class);
        queue = new AuditQueue(10, System::currentTimeMillis);
        queue.start();

        queue.offer(new AuditQueue.Delivery(() -> {
            throw new IllegalArgumentException("unmappable");
        }, working));
        queue.offer(new AuditQueue.Delivery("{\"c\":3}", working));

        verify(working, timeout(5000)).write("{\"c\":3}");
        long deadline = System.currentTimeMillis() + 5000;
        while (queue.written() + queue.failed() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(queue.failed()).isEqualTo(1);
        assertThat(queue.written()).isEqualTo(1);
        verify(working, times(1)).write(anyString());
    }

    @Test
    void eventsThatCouldNotBeQueuedCountAsFailed() {
        queue = new AuditQueue(1, System::currentTimeMillis);

        queue.failedBeforeQueueing(2, "realm smart has no usable FHIR base URL");

        assertThat(queue.failed()).isEqualTo(2);
    }

    @Test
    void beforeStartAndAfterCloseEventsAreDroppedAndCounted() throws Exception {
        queue = new AuditQueue(5, System::currentTimeMillis);
        assertThat(queue.offer(new AuditQueue.Delivery("{}", stuck))).isFalse();

        queue.start();
        queue.offer(new AuditQueue.Delivery("{}", stuck));
        writing.await(5, TimeUnit.SECONDS);
        queue.offer(new AuditQueue.Delivery("{}", stuck));
        queue.close(Duration.ofMillis(200));

        assertThat(queue.dropped()).as("the one before start, the one still queued at close").isEqualTo(2);
        assertThat(queue.offer(new AuditQueue.Delivery("{}", stuck))).isFalse();
        assertThat(queue.dropped()).isEqualTo(3);
    }
}
