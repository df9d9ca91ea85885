package dev.hixai2api.chat;

import java.io.InputStream;

import dev.hixai2api.core.AnswerStream;
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
 * renders each event when it arrives. Not streaming, or a JSON answer that is held until complete anyway: reads
 * the whole answer (a failure on the way still fails over) and renders it at once, as a body or as a stream.
 */
@Component
public class ReadAnswer implements Processor {

    private final HixAdaptor adaptor;
    private final ConversationRecorder recorder;
    private final TrafficMetrics traffic;
    private final FollowUps followUps;

    public ReadAnswer(HixAdaptor adaptor, ConversationRecorder recorder, TrafficMetrics traffic, FollowUps followUps) {
        this.adaptor = adaptor;
        this.recorder = recorder;
        this.traffic = traffic;
        this.followUps = followUps;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        ChatCall.Attempt attempt = call.attempt();
        HixEventReader reader = new HixEventReader(exchange.getMessage().getBody(InputStream.class), adaptor);
        HixEvent first = reader.next();
        // a held answer is read whole like an unstreamed one: until it is complete it may still fail over
        boolean eventByEvent = call.request().stream() && !ShapedAnswer.heldWhole(call.request());
        AnswerStream answer = new ShapedAnswer(
                new HixAnswer(reader, first, call.request(), call.question(), eventByEvent), call.request(),
                question -> followUps.ask(call, attempt, question, eventByEvent), eventByEvent,
                message -> recorder.completed(call, attempt, message));
        if (!eventByEvent) {
            AnswerReplay whole = AnswerReplay.of(answer);
            if (!call.request().stream()) {
                exchange.getMessage().setBody(call.door().answer(call.request(), whole.events()));
                return;
            }
            answer = whole;
        }
        stream(exchange, call, answer);
    }

    private void stream(Exchange exchange, ChatCall call, AnswerStream answer) {
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
    }
}
