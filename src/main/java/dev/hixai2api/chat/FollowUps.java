package dev.hixai2api.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.AnswerStream;
import dev.hixai2api.hix.HixAdaptor;
import dev.hixai2api.hix.HixEventReader;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.UnitOfWorkHelper;
import org.springframework.stereotype.Component;

/**
 * A further question in the chat that has just answered (the corrective turn): sent like the first, on the same
 * cookie and chat, through direct:hixChat. Its exchange keeps a unit of work of its own until its answer is read
 * or dropped, so the HTTP response it holds is released only then.
 */
@Component
public class FollowUps {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final HixAdaptor adaptor;

    public FollowUps(CamelContext camel, ProducerTemplate producer, HixAdaptor adaptor) {
        this.camel = camel;
        this.producer = producer;
        this.adaptor = adaptor;
    }

    /**
     * @param breakOnFailure as for {@link HixAnswer}; a failure before the answer starts is thrown either way
     */
    AnswerStream ask(ChatCall call, ChatCall.Attempt attempt, String question, boolean breakOnFailure) {
        Exchange exchange = new DefaultExchange(camel);
        UnitOfWork work = PluginHelper.getUnitOfWorkFactory(camel).createUnitOfWork(exchange);
        exchange.getExchangeExtension().setUnitOfWork(work);
        exchange.getMessage().setBody(call.followUp(attempt, question));
        try {
            producer.send("direct:hixChat", exchange);
            if (exchange.getException() != null) {
                throw unchecked(exchange.getException());
            }
            HixEventReader reader = new HixEventReader(exchange.getMessage().getBody(InputStream.class), adaptor);
            HixAnswer answer = new HixAnswer(reader, reader.next(), call.request(), question, breakOnFailure);
            AtomicBoolean closed = new AtomicBoolean();
            return new AnswerStream() {
                @Override
                public AnswerEvent next() {
                    return answer.next();
                }

                /** Once only: a stream is closed by its response's end and by the keep-alive body both. */
                @Override
                public void close() {
                    if (closed.compareAndSet(false, true)) {
                        answer.close();
                        UnitOfWorkHelper.doneUow(work, exchange);
                    }
                }
            };
        } catch (RuntimeException e) {
            UnitOfWorkHelper.doneUow(work, exchange);
            throw e;
        }
    }

    private static RuntimeException unchecked(Exception e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
    }
}
