package dev.hixai2api.chat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.hix.HixAdaptor;
import dev.hixai2api.hix.HixEvent;
import dev.hixai2api.hix.HixEventReader;
import dev.hixai2api.monitoring.TrafficMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns the HixAI SSE body into the client's answer in its door's dialect. Streaming: waits for the first
 * upstream event (until then a failure may still move to another cookie), then hands the client a stream that
 * renders each event when it arrives. Not streaming: reads the whole answer (a failure on the way still fails
 * over) and renders it at once.
 */
@Component
public class ReadAnswer implements Processor {

    private final HixAdaptor adaptor;
    private final ConversationRecorder recorder;
    private final TrafficMetrics traffic;

    public ReadAnswer(HixAdaptor adaptor, ConversationRecorder recorder, TrafficMetrics traffic) {
        this.adaptor = adaptor;
        this.recorder = recorder;
        this.traffic = traffic;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        ChatCall.Attempt attempt = call.attempt();
        HixEventReader reader = new HixEventReader(exchange.getMessage().getBody(InputStream.class), adaptor);
        HixEvent first = reader.next();
        HixAnswer answer = new HixAnswer(reader, first, call.request(), call.question(), call.request().stream(),
                text -> recorder.completed(call, attempt, text));
        if (call.request().stream()) {
            RenderedStream stream = new RenderedStream(answer, call.door().streamRenderer(call.request()));
            traffic.streamOpened();
            // Runs once the response is written or the client has gone: an unfinished upstream is cut.
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    stream.close();
                    traffic.streamClosed();
                }
            });
            exchange.getMessage().setBody(stream);
        } else {
            List<AnswerEvent> events = new ArrayList<>();
            try (answer) {
                AnswerEvent event;
                do {
                    event = answer.next();
                    events.add(event);
                } while (!(event instanceof AnswerEvent.End));
            }
            exchange.getMessage().setBody(call.door().answer(call.request(), events));
        }
    }
}
