package dev.hixai2api.chat;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.GatewayException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionProperties;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * STREAM_KEEPALIVE for streaming chats served to an HTTP client. The request thread runs the attempts at HixAI
 * (the answer route, failover included) and writes the answer's frames through a {@link KeepaliveStream}; one
 * timer thread checks each open stream once an interval and has a writer thread send a comment line when it was
 * silent that long. Before the answer is in, that comment starts the response: a later failover stays invisible,
 * and a final failure becomes the stream's SSE error event. An answer or failure within the first interval leaves
 * as it would without keepalive.
 */
@Component
public class StreamKeepalive implements Processor, DisposableBean {

    private final ProducerTemplate producer;
    /** Resolved once: a URI would be looked up again for every stream. */
    private final Endpoint answerRoute;
    private final GatewayProperties properties;
    private final ClientResponse.Lookup clients;
    private final ScheduledThreadPoolExecutor timer;
    private final Executor writers;

    public StreamKeepalive(ProducerTemplate producer, GatewayProperties properties, ClientResponse.Lookup clients,
                           TaskExecutionProperties requestThreads) {
        this.producer = producer;
        this.answerRoute = producer.getCamelContext().getEndpoint(ChatRoutes.ANSWER);
        this.properties = properties;
        this.clients = clients;
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("stream-keepalive-timer-"));
        // a stream ends long before its check is due: cancelled checks leave the queue at once
        this.timer.setRemoveOnCancelPolicy(true);
        this.writers = writers(properties.virtualThreads(), requestThreads.getPool().getKeepAlive());
    }

    /** Only streams can keep a response alive (a non-streaming answer is one JSON document), and only over HTTP. */
    public boolean appliesTo(Exchange exchange) {
        return properties.streamKeepaliveOn() && ChatCall.of(exchange).request().stream()
                && clients.of(exchange) != null;
    }

    @Override
    public void process(Exchange exchange) {
        KeepaliveStream body = new KeepaliveStream(clients.of(exchange), ChatRoutes.STREAM_HEAD,
                properties.streamKeepalive());
        check(body, properties.streamKeepalive().toNanos());
        producer.send(answerRoute, exchange);
        boolean started = body.attemptsOver();
        if (exchange.getMessage().getBody() instanceof RenderedStream stream) {
            body.answer(stream::nextFrame, stream);
        } else if (started) {
            ChatCall call = ChatCall.of(exchange);
            Iterator<byte[]> error = call.door().streamRenderer(call.request()).event(new AnswerEvent.Broken(
                    exchange.getVariable(ChatErrorResponses.ERROR_VARIABLE, GatewayException.class))).iterator();
            body.answer(() -> error.hasNext() ? error.next() : null, null);
        } else {
            body.close();
            return;  // the failure leaves with its own status
        }
        exchange.getMessage().setBody(body);
        // Runs once the response is written or the client has gone: the checks stop, HixAI is cut.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                body.close();
            }
        });
    }

    /** Checks the stream after this delay, and again as long as it is open. */
    private void check(KeepaliveStream body, long delayNanos) {
        try {
            body.checkedBy(timer.schedule(() -> writers.execute(() -> {
                long next = body.keepAlive();
                if (next >= 0) {
                    check(body, next);
                }
            }), delayNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException stopping) {
            // the gateway is stopping: the stream's last moments go without comment lines
        }
    }

    /**
     * A comment line may wait for a slow client, so the timer thread leaves the writing to these: virtual threads
     * on JDK 21+ (VIRTUAL_THREADS); otherwise platform threads, reused, no more of them than open streams, and
     * ending when idle as long as the request threads do.
     */
    private static Executor writers(boolean virtual, Duration idle) {
        if (virtual && Runtime.version().feature() >= 21) {
            return new VirtualThreadTaskExecutor("stream-keepalive-");
        }
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, idle.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), daemonThreads("stream-keepalive-"));
    }

    private static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        if (writers instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
