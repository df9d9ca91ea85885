package dev.hixai2api.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.simulator.HixSimulator;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's floor: the least an OpenAI-compatible relay of HixAI's streamed answers has to do, on the
 * cheapest HTTP stack the JVM has. Netty, one event loop per core, each request and its upstream calls on one
 * thread with no hand-off, keep-alive upstream connections pooled per event loop. Per streamed request it parses
 * the request's JSON, calls createChat, then reads the chat's event stream and writes each event to the client as
 * a {@code chat.completion.chunk}, flushed as it arrives, ending with {@code [DONE]}; a client that goes away
 * closes the upstream stream. Nothing else: no credentials, storage, failover, token count, metrics or routing.
 * {@code bench/run} runs it as its own process (mode "relay"), so its CPU per streamed request is what any
 * gateway of this upstream needs on the machine, below everything the gateway adds. With {@link RelayWork} it also
 * spends CPU on purpose where the gateway spends its own: what more work per request costs the time to first
 * token, without the gateway's code.
 */
public final class FloorRelay implements AutoCloseable {

    static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup loops;
    private final Channel server;
    private final Bootstrap upstream;
    private final URI simulator;
    private final String hostHeader;
    private final List<String> cookies;
    private final int botId;
    private final AtomicLong requests = new AtomicLong();
    private final RelayWork work;
    private final ExecutorService background;
    /** Idle keep-alive upstream connections of the event loop that runs the code (no lock: one thread each). */
    private final FastThreadLocal<ArrayDeque<Channel>> idle = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Channel> initialValue() {
            return new ArrayDeque<>();
        }
    };

    private FloorRelay(int port, URI simulator, List<String> tokens, int botId, RelayWork work)
            throws InterruptedException {
        this.simulator = simulator;
        this.work = work;
        this.background = work.backgroundThread();
        this.hostHeader = simulator.getHost() + ":" + simulator.getPort();
        this.cookies = tokens.stream().map(token -> HixSimulator.COOKIE_NAME + "=" + token).toList();
        this.botId = botId;
        // one loop per core; Netty's own -Dio.netty.eventLoopThreads=64 gives each of 64 streams a thread, as the
        // gateway does, to see whether work spent on a shared loop holds up its other streams
        this.loops = new NioEventLoopGroup(Integer.getInteger("io.netty.eventLoopThreads",
                Runtime.getRuntime().availableProcessors()));
        this.upstream = new Bootstrap().channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new UpstreamHandler());
                    }
                });
        this.server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new ClientHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    /** Listens on 127.0.0.1:port (0: any free port) and relays to the simulator with the given accounts. */
    static FloorRelay start(int port, String simulatorUrl, List<String> tokens, int botId, RelayWork work)
            throws InterruptedException {
        return new FloorRelay(port, URI.create(simulatorUrl), tokens, botId, work);
    }

    /**
     * Arguments: port, the simulator's base URL, the bot id, then the session tokens; the work it spends on
     * purpose from {@code -Dbench.relay.work} ({@link RelayWork}).
     */
    public static void main(String[] args) throws InterruptedException {
        RelayWork work = RelayWork.parse(System.getProperty(RelayWork.PROPERTY, ""));
        FloorRelay relay = start(Integer.parseInt(args[0]), args[1], Arrays.asList(args).subList(3, args.length),
                Integer.parseInt(args[2]), work);
        System.out.println("relay listening on " + relay.port() + (work.none() ? "" : " with " + work));
        relay.server.closeFuture().sync();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        if (background != null) {
            background.shutdownNow();
        }
    }

    /** The client side: one streamed chat completion per request. */
    private final class ClientHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.method().equals(HttpMethod.POST) || !request.uri().equals(PATH)) {
                refuse(ctx.channel(), keepAlive, HttpResponseStatus.NOT_FOUND, "not_found", "only POST " + PATH);
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(new ByteBufInputStream(request.content()));
            } catch (IOException e) {
                refuse(ctx.channel(), keepAlive, HttpResponseStatus.BAD_REQUEST, "invalid_json", "the body is not JSON");
                return;
            }
            JsonNode messages = body.path("messages");
            String question = messages.path(messages.size() - 1).path("content").textValue();
            if (!body.path("stream").asBoolean(false) || question == null) {
                refuse(ctx.channel(), keepAlive, HttpResponseStatus.BAD_REQUEST, "unsupported",
                        "the relay streams one text question");
                return;
            }
            long n = requests.incrementAndGet();
            RelayWork.spin(work.beforeNanos());
            new Relayed(ctx.channel(), keepAlive, body.path("model").asText(""), question,
                    cookies.get((int) (n % cookies.size())), "chatcmpl-relay-" + n).start();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Hands what an upstream connection reads to the request it serves now. */
    private static final class UpstreamHandler extends SimpleChannelInboundHandler<HttpObject> {
        Relayed current;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (current != null) {
                current.upstreamRead(message);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current != null) {
                current.upstreamLost();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One request: createChat, then the chat's events relayed; runs on the client channel's event loop. */
    private final class Relayed {
        private final Channel client;
        private final boolean keepAlive;
        private final String model;
        private final String question;
        private final String cookie;
        private final String id;
        private final long created = System.currentTimeMillis() / 1000;
        private final StringBuilder createAnswer = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private Channel connection;
        private int status;
        private boolean upstreamKeepAlive;
        private boolean chatting;
        private boolean headersSent;
        private boolean finished;
        private String chatId;
        /** A client that goes away ends the upstream stream too. */
        private final ChannelFutureListener abortOnClose = closed -> {
            if (!finished && connection != null) {
                connection.close();
            }
        };

        Relayed(Channel client, boolean keepAlive, String model, String question, String cookie, String id) {
            this.client = client;
            this.keepAlive = keepAlive;
            this.model = model;
            this.question = question;
            this.cookie = cookie;
            this.id = id;
        }

        void start() {
            client.closeFuture().addListener(abortOnClose);
            send(createChatRequest());
        }

        /** Sends on an idle pooled connection of this event loop, or on a new one. */
        private void send(FullHttpRequest request) {
            EventLoop loop = client.eventLoop();
            ArrayDeque<Channel> pool = idle.get();
            Channel pooled;
            while ((pooled = pool.pollFirst()) != null && !pooled.isActive()) {
                // closed by the simulator while idle
            }
            if (pooled != null) {
                use(pooled, request);
                return;
            }
            ChannelFuture connecting = upstream.clone(loop)
                    .connect(simulator.getHost(), simulator.getPort());
            connecting.addListener((ChannelFutureListener) future -> {
                if (future.isSuccess()) {
                    use(future.channel(), request);
                } else {
                    request.release();
                    fail("upstream connection failed");
                }
            });
        }

        private void use(Channel channel, FullHttpRequest request) {
            connection = channel;
            channel.pipeline().get(UpstreamHandler.class).current = this;
            status = 0;
            channel.writeAndFlush(request);
        }

        private FullHttpRequest createChatRequest() {
            ByteBuf body = json(generator -> {
                generator.writeStartObject();
                generator.writeObjectFieldStart("0");
                generator.writeObjectFieldStart("json");
                generator.writeStringField("title", "Untitled");
                generator.writeNumberField("botId", botId);
                generator.writeEndObject();
                generator.writeEndObject();
                generator.writeEndObject();
            });
            return upstreamRequest("/api/trpc/hixChat.createChat?batch=1", "application/json", "https://hix.ai/", body);
        }

        private FullHttpRequest chatRequest() {
            ByteBuf body = json(generator -> {
                generator.writeStartObject();
                generator.writeStringField("chatId", chatId);
                generator.writeStringField("fileUrl", "");
                generator.writeStringField("question", question);
                generator.writeEndObject();
            });
            return upstreamRequest("/api/hix/chat", "text/event-stream", "https://hix.ai/chat?id=" + chatId, body);
        }

        private FullHttpRequest upstreamRequest(String path, String accept, String referer, ByteBuf body) {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, body);
            request.headers().set(HttpHeaderNames.HOST, hostHeader)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.ACCEPT, accept)
                    .set(HttpHeaderNames.COOKIE, cookie)
                    .set(HttpHeaderNames.ORIGIN, "https://hix.ai")
                    .set(HttpHeaderNames.REFERER, referer)
                    .set(HttpHeaderNames.USER_AGENT, Calls.USER_AGENT)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return request;
        }

        void upstreamRead(HttpObject message) {
            if (message instanceof HttpResponse response) {
                status = response.status().code();
                upstreamKeepAlive = HttpUtil.isKeepAlive(response);
                if (chatting && status == 200) {
                    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
                    HttpUtil.setTransferEncodingChunked(head, true);
                    HttpUtil.setKeepAlive(head, keepAlive);
                    client.write(head);
                    headersSent = true;
                }
            }
            if (message instanceof HttpContent content) {
                if (!chatting) {
                    createAnswer.append(content.content().toString(StandardCharsets.UTF_8));
                } else if (status == 200 && !finished) {
                    readEvents(content.content());
                }
            }
            if (message instanceof LastHttpContent) {
                upstreamEnded();
            }
        }

        private void upstreamEnded() {
            Channel done = connection;
            UpstreamHandler handler = done.pipeline().get(UpstreamHandler.class);
            handler.current = null;
            connection = null;
            if (upstreamKeepAlive) {
                idle.get().addFirst(done);
            } else {
                done.close();
            }
            if (!chatting) {
                chatId = status == 200 ? createdChatId() : null;
                if (chatId == null) {
                    fail("createChat answered " + status);
                    return;
                }
                chatting = true;
                send(chatRequest());
            } else if (!finished) {
                fail(status == 200 ? "the upstream stream ended without [DONE]" : "chat answered " + status);
            }
        }

        private String createdChatId() {
            try {
                return JSON.readTree(createAnswer.toString()).path(0).path("result").path("data").path("json")
                        .path("id").textValue();
            } catch (IOException e) {
                return null;
            }
        }

        void upstreamLost() {
            connection = null;
            if (!finished) {
                fail("the upstream connection closed");
            }
        }

        /** Splits the chunk into lines; a data line is one event (HixAI's events are one line each). */
        private void readEvents(ByteBuf chunk) {
            int from = chunk.readerIndex();
            int end = chunk.writerIndex();
            while (from < end && !finished) {
                int lf = chunk.forEachByte(from, end - from, ByteProcessor.FIND_LF);
                if (lf < 0) {
                    line.append(chunk.toString(from, end - from, StandardCharsets.UTF_8));
                    return;
                }
                line.append(chunk.toString(from, lf - from, StandardCharsets.UTF_8));
                from = lf + 1;
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                if (line.length() > 5 && line.indexOf("data:") == 0) {
                    event(line.substring(line.charAt(5) == ' ' ? 6 : 5));
                }
                line.setLength(0);
            }
        }

        private void event(String data) {
            if (data.equals("[DONE]")) {
                RelayWork.spin(work.endNanos());
                client.write(new DefaultHttpContent(chunk(null, "stop")));
                finish(new DefaultLastHttpContent(Unpooled.wrappedBuffer(DONE)));
                if (background != null) {
                    background.execute(() -> RelayWork.spin(work.backgroundNanos()));
                }
                return;
            }
            JsonNode event;
            try {
                event = JSON.readTree(data);
            } catch (IOException e) {
                fail("a malformed upstream event");
                return;
            }
            String content = event.path("content").textValue();
            if (content != null) {
                RelayWork.spin(work.perEventNanos());
                client.writeAndFlush(new DefaultHttpContent(chunk(content, null)));
            } else if (event.has("id")) {
                client.writeAndFlush(new DefaultHttpContent(chunk(null, null)));
            }
        }

        /** A chat.completion.chunk event: the assistant role first (content and finish null), content, or the end. */
        private ByteBuf chunk(String content, String finish) {
            ByteBuf buffer = client.alloc().buffer(256);
            buffer.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
            write(buffer, generator -> {
                generator.writeStartObject();
                generator.writeStringField("id", id);
                generator.writeStringField("object", "chat.completion.chunk");
                generator.writeNumberField("created", created);
                generator.writeStringField("model", model);
                generator.writeArrayFieldStart("choices");
                generator.writeStartObject();
                generator.writeNumberField("index", 0);
                generator.writeObjectFieldStart("delta");
                if (content != null) {
                    generator.writeStringField("content", content);
                } else if (finish == null) {
                    generator.writeStringField("role", "assistant");
                }
                generator.writeEndObject();
                generator.writeStringField("finish_reason", finish);
                generator.writeEndObject();
                generator.writeEndArray();
                generator.writeEndObject();
            });
            buffer.writeByte('\n').writeByte('\n');
            return buffer;
        }

        private void fail(String reason) {
            if (finished) {
                return;
            }
            if (headersSent) {
                ByteBuf error = client.alloc().buffer(128);
                error.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
                write(error, generator -> {
                    generator.writeStartObject();
                    generator.writeObjectFieldStart("error");
                    generator.writeStringField("message", reason);
                    generator.writeStringField("code", "upstream_error");
                    generator.writeEndObject();
                    generator.writeEndObject();
                });
                error.writeByte('\n').writeByte('\n');
                finish(new DefaultLastHttpContent(error));
            } else {
                finished = true;
                client.closeFuture().removeListener(abortOnClose);
                refuse(client, keepAlive, HttpResponseStatus.BAD_GATEWAY, "upstream_error", reason);
            }
        }

        private void finish(LastHttpContent last) {
            finished = true;
            client.closeFuture().removeListener(abortOnClose);
            ChannelFuture written = client.writeAndFlush(last);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** An OpenAI-shaped error as a whole response. */
    private static void refuse(Channel client, boolean keepAlive, HttpResponseStatus status, String code, String message) {
        ByteBuf body = json(generator -> {
            generator.writeStartObject();
            generator.writeObjectFieldStart("error");
            generator.writeStringField("message", message);
            generator.writeStringField("type", status.code() >= 500 ? "api_error" : "invalid_request_error");
            generator.writeStringField("code", code);
            generator.writeEndObject();
            generator.writeEndObject();
        });
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = client.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private interface JsonWriting {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static ByteBuf json(JsonWriting writing) {
        ByteBuf buffer = Unpooled.buffer(256);
        write(buffer, writing);
        return buffer;
    }

    private static void write(ByteBuf buffer, JsonWriting writing) {
        try (JsonGenerator generator = FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(buffer),
                JsonEncoding.UTF8)) {
            writing.writeTo(generator);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
    }
}
