package dev.hixai2api.bench;

import dev.hixai2api.bench.LoadGenerator.Call;
import dev.hixai2api.bench.LoadGenerator.Sample;
import dev.hixai2api.bench.LoadGenerator.Tracker;
import dev.hixai2api.simulator.HixSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The requests of the benchmark: through the gateway (stream and non-stream) and directly against HixAI. */
final class Calls {

    private static final Pattern CHAT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** The browser the upstream calls present, in the direct phase and in the floor relay. */
    static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
    private static final AtomicLong QUESTIONS = new AtomicLong();

    private Calls() {
    }

    /** A fresh question each time, so every request starts its own conversation (as the direct path does). */
    private static String question() {
        return "Question " + QUESTIONS.incrementAndGet() + ": what is a good name for a cat?";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** POST /v1/chat/completions on the gateway, stream true (read to data: [DONE]) or false (one JSON body). */
    static Call gateway(String baseUrl, String model, boolean stream) {
        URI uri = URI.create(baseUrl + "/v1/chat/completions");
        return (client, sample, tracker) -> {
            String body = "{\"model\":" + json(model) + ",\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":" + json(question()) + "}]}";
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            if (stream) {
                return sse(client, request, sample, tracker);
            }
            CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info -> {
                sample.status = info.statusCode();
                return BodySubscribers.ofByteArray();
            });
            sample.abort = () -> response.cancel(true);
            return response.thenAccept(answer -> {
                String text = new String(answer.body(), StandardCharsets.UTF_8);
                if (answer.statusCode() != 200) {
                    sample.fail("HTTP " + answer.statusCode() + errorCode(text));
                } else if (!text.contains("\"chat.completion\"") || !hasContent(text)) {
                    sample.fail("200 without an answer");
                } else {
                    sample.done = true;
                }
            });
        };
    }

    /**
     * What the gateway does upstream for one request, made directly against the simulator: createChat, then
     * the chat's event stream read to [DONE]; first token = the first content event.
     */
    static Call direct(String simulatorUrl, List<String> tokens, int botId) {
        URI create = URI.create(simulatorUrl + "/api/trpc/hixChat.createChat?batch=1");
        URI chat = URI.create(simulatorUrl + "/api/hix/chat");
        return (client, sample, tracker) -> {
            String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
            String cookie = HixSimulator.COOKIE_NAME + "=" + token;
            HttpRequest createChat = HttpRequest.newBuilder(create).header("Content-Type", "application/json")
                    .header("Accept", "application/json").header("Cookie", cookie)
                    .header("Origin", "https://hix.ai").header("Referer", "https://hix.ai/")
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"0\":{\"json\":{\"title\":\"Untitled\",\"botId\":" + botId + "}}}"))
                    .build();
            CompletableFuture<HttpResponse<String>> created = client.sendAsync(createChat,
                    HttpResponse.BodyHandlers.ofString());
            sample.abort = () -> created.cancel(true);
            return created.thenCompose(answer -> {
                Matcher id = CHAT_ID.matcher(answer.body());
                if (answer.statusCode() != 200 || !id.find()) {
                    sample.fail("createChat: HTTP " + answer.statusCode());
                    return CompletableFuture.completedFuture(null);
                }
                String chatBody = "{\"chatId\":" + json(id.group(1)) + ",\"fileUrl\":\"\",\"question\":"
                        + json(question()) + "}";
                HttpRequest send = HttpRequest.newBuilder(chat).header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream").header("Cookie", cookie)
                        .header("Origin", "https://hix.ai").header("Referer", "https://hix.ai/chat?id=" + id.group(1))
                        .header("User-Agent", USER_AGENT)
                        .POST(HttpRequest.BodyPublishers.ofString(chatBody)).build();
                return sse(client, send, sample, tracker);
            });
        };
    }

    /** Sends the request and reads its server-sent events line by line as they arrive. */
    private static CompletableFuture<Void> sse(HttpClient client, HttpRequest request, Sample sample, Tracker tracker) {
        SseLines lines = new SseLines(sample);
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request, info -> {
            sample.status = info.statusCode();
            if (info.statusCode() == 200) {
                tracker.opened(sample);
            }
            return BodySubscribers.fromLineSubscriber(lines);
        });
        sample.abort = () -> {
            lines.cancel();
            response.cancel(true);
        };
        return response.thenAccept(answer -> {
            if (answer.statusCode() != 200) {
                sample.fail("HTTP " + answer.statusCode() + errorCode(lines.firstLine));
            } else if (lines.errorEvent) {
                sample.fail("error event in the stream");
            } else if (!lines.done) {
                sample.fail("stream ended without [DONE]");
            } else if (sample.firstToken == 0) {
                sample.fail("stream without content");
            } else {
                sample.done = true;
            }
        });
    }

    private static boolean hasContent(String data) {
        int at = data.indexOf("\"content\":\"");
        return at >= 0 && at + 11 < data.length() && data.charAt(at + 11) != '"';
    }

    private static String errorCode(String body) {
        if (body == null) {
            return "";
        }
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        return code.find() ? " " + code.group(1) : "";
    }

    /** Marks the first content event (first token) and [DONE]. */
    private static final class SseLines implements Flow.Subscriber<String> {
        private final Sample sample;
        private volatile Flow.Subscription subscription;
        volatile boolean done;
        volatile boolean errorEvent;
        volatile String firstLine;

        SseLines(Sample sample) {
            this.sample = sample;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (firstLine == null) {
                firstLine = line;
            }
            if (!line.startsWith("data:")) {
                return;
            }
            String data = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
            if (data.equals("[DONE]")) {
                done = true;
            } else if (data.startsWith("{\"error\"")) {
                errorEvent = true;
            } else if (sample.firstToken == 0 && hasContent(data)) {
                sample.firstToken = System.nanoTime();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the response future fails with it
        }

        @Override
        public void onComplete() {
            // the response future completes
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
