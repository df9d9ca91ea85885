package dev.hixai2api.openai;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.hix.HixAdaptor;
import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.hix.HixEvent;
import dev.hixai2api.hix.HixEventReader;
import dev.hixai2api.monitoring.TrafficMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns the HixAI SSE body into the client's answer. Streaming: waits for the first upstream event (until
 * then a failure may still move to another cookie), then hands the client a stream that translates each
 * event when it arrives. Not streaming: reads the whole answer into one {@code chat.completion}.
 */
@Component
public class HixEventsToOpenAiChunks implements Processor {

    private final ObjectMapper mapper;
    private final HixAdaptor adaptor;
    private final ChatCompletionListener listener;
    private final boolean hideReasoning;
    private final TrafficMetrics traffic;

    public HixEventsToOpenAiChunks(ObjectMapper mapper, HixAdaptor adaptor, ChatCompletionListener listener,
                                   TrafficMetrics traffic, GatewayProperties properties) {
        this.mapper = mapper;
        this.adaptor = adaptor;
        this.listener = listener;
        this.traffic = traffic;
        this.hideReasoning = properties.reasoningHide();
    }

    @Override
    public void process(Exchange exchange) {
        HixChatCall call = HixChatCall.of(exchange);
        HixEventReader reader = new HixEventReader(exchange.getMessage().getBody(InputStream.class), adaptor);
        OpenAiResponses responses = new OpenAiResponses(mapper, call.selection().requestedName());
        AnswerText answer = new AnswerText(hideReasoning);
        HixEvent first = reader.next();
        if (call.stream()) {
            OpenAiChunkStream stream = new OpenAiChunkStream(reader, first, responses, answer, call.includeUsage(),
                    call.question(), text -> listener.completed(call, text));
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
            exchange.getMessage().setBody(completion(call, reader, first, responses, answer));
            listener.completed(call, answer.text());
        }
    }

    private byte[] completion(HixChatCall call, HixEventReader reader, HixEvent first, OpenAiResponses responses,
                              AnswerText answer) {
        try (reader) {
            for (HixEvent event = first; !(event instanceof HixEvent.Done); event = reader.next()) {
                answer.delta(event);
            }
        }
        answer.finish();
        return responses.completion(answer.text(), TokenCounter.usage(call.question(), answer.text()));
    }
}
