package dev.hixai2api.chat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.monitoring.MdcPropagation;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.UnitOfWorkHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionProperties;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * STREAM_KEEPALIVE for streaming chats. The attempts at HixAI (the answer route, failover included) run on an
 * answer thread, which then reads the HixAI stream into a {@link KeepaliveStream}; the request thread waits one
 * interval for the attempts. Over by then, the response is what it would be without keepalive (a failure keeps
 * its own status); still running, the 200 head leaves with a comment line, more follow every interval, a later
 * failover stays invisible, and a final failure becomes the stream's SSE error event.
 */
@Component
public class StreamKeepalive implements Processor, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(StreamKeepalive.class);

    private final ProducerTemplate producer;
    private final GatewayProperties properties;
    private final MdcPropagation mdc;
    private final Executor answerThreads;
    private final ClientResponseBody clientBody;

    public StreamKeepalive(ProducerTemplate producer, GatewayProperties properties, MdcPropagation mdc,
                           TaskExecutionProperties requestThreads, ClientResponseBody clientBody) {
        this.producer = producer;
        this.properties = properties;
        this.mdc = mdc;
        this.clientBody = clientBody;
        this.answerThreads = answerThreads(properties.virtualThreads(), requestThreads.getPool().getKeepAlive());
    }

    /** Only streams can keep a response alive: a non-streaming answer is one JSON document. */
    public boolean appliesTo(Exchange exchange) {
        return properties.streamKeepaliveOn() && ChatCall.of(exchange).request().stream();
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        Exchange answer = exchange.copy();
        KeepaliveStream body = new KeepaliveStream(properties.streamKeepalive());
        answerThreads.execute(mdc.wrap(() -> answer(answer, body)));
        boolean answered = body.awaitAnswer();
        if (answered && !(answer.getMessage().getBody() instanceof RenderedStream)) {
            ExchangeHelper.copyResults(exchange, answer);
            return;
        }
        if (answered) {
            exchange.getMessage().getHeaders().clear();
            exchange.getMessage().getHeaders().putAll(answer.getMessage().getHeaders());
        } else {
            ChatRoutes.responseHeaders(exchange);
        }
        body.writeTo(() -> clientBody.open(exchange));
        exchange.getMessage().setBody(body);
        // Runs once the response is written or the client has gone: the answer thread stops, HixAI is cut.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                body.close();
            }
        });
    }

    /**
     * The answer thread. Its exchange has a unit of work of its own, done only once the stream is read to its
     * end (or the client left): the answer route's completion steps, which release the HixAI stream, wait for it.
     */
    private void answer(Exchange answer, KeepaliveStream body) {
        UnitOfWork work = PluginHelper.getUnitOfWorkFactory(answer.getContext()).createUnitOfWork(answer);
        answer.getExchangeExtension().setUnitOfWork(work);
        try {
            producer.send(ChatRoutes.ANSWER, answer);
            if (answer.getMessage().getBody() instanceof RenderedStream stream) {
                body.answered(stream);
                copy(stream, body);
            } else {
                // done before the request thread may take the failed exchange over
                ChatCall call = ChatCall.of(answer);
                List<byte[]> error = call.door().streamRenderer(call.request()).event(new AnswerEvent.Broken(
                        answer.getVariable(ChatErrorResponses.ERROR_VARIABLE, GatewayException.class)));
                UnitOfWorkHelper.doneUow(work, answer);
                work = null;
                body.answered(null);
                for (byte[] frame : error) {
                    body.offer(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The answer thread of a stream failed", e);
        } finally {
            body.finish();
            if (work != null) {
                UnitOfWorkHelper.doneUow(work, answer);
            }
        }
    }

    private static void copy(RenderedStream stream, KeepaliveStream body) throws InterruptedException {
        byte[] buffer = new byte[2048];  // one frame per read, held for the whole stream
        for (int read = stream.read(buffer, 0, buffer.length); read >= 0; read = stream.read(buffer, 0, buffer.length)) {
            if (!body.offer(Arrays.copyOf(buffer, read))) {
                return;
            }
        }
    }

    /**
     * Virtual threads on JDK 21+ (VIRTUAL_THREADS): an answer thread mostly waits. Otherwise platform threads,
     * reused, no more of them than open streams (MAX_CONCURRENT_REQUESTS bounds those), and ending when idle as
     * long as the request threads they serve do.
     */
    private static Executor answerThreads(boolean virtual, Duration idle) {
        if (virtual && Runtime.version().feature() >= 21) {
            return new VirtualThreadTaskExecutor("stream-answer-");
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, idle.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "stream-answer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void destroy() {
        if (answerThreads instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
