package dev.hixai2api.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.hix.ModelType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP server that imitates HixAI (see /work/shared/hix-protocol.md), failures included, for end-to-end
 * tests and manual runs. Binds 127.0.0.1 only.
 */
public final class HixSimulator implements AutoCloseable {

    public static final String COOKIE_NAME = "__Secure-next-auth.session-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRPC_PREFIX = "/api/trpc/";
    private static final String UPLOAD_PREFIX = "/upload/";
    private static final Set<String> USAGE_PROCEDURES =
            Set.of("hixChat.getUsedBotList", "subLog.getSubLog", "subUsage.getSubUsage");
    private static final Pattern SAFE_FILENAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern WORD_START = Pattern.compile("(?<=\\S)(?=\\s)");
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final long SLOW_FIRST_BYTE_MILLIS = 3_000;
    private static final long STALL_MILLIS = 60_000;
    private static final int EVENTS_BEFORE_STREAM_FAILURE = 2;
    private static final int DEFAULT_PORT = 7012;
    private static final long DEFAULT_MANUAL_EVENT_DELAY = 40;
    /** HixAI's bots: those of the gateway's packaged model table. */
    private static final Map<Integer, HixModel> PACKAGED_BOTS = ModelRegistry.packaged().all().stream()
            .collect(Collectors.toUnmodifiableMap(HixModel::botId, Function.identity()));

    static {
        // Small flushed SSE writes must leave at once, not wait for Nagle's algorithm.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private enum Endpoint { CREATE_CHAT, CHAT, USAGE, DELETE_CHAT, SIGN }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Integer, HixModel> bots = new ConcurrentHashMap<>(PACKAGED_BOTS);
    private final Map<String, ChatRecord> chats = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<ChatCall> chatCalls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger completedStreams = new AtomicInteger();
    private final AtomicInteger abortedStreams = new AtomicInteger();
    private final List<String> deletedChatIds = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    /** Object key to the signature issued for it: a PUT must present that signature. */
    private final Map<String, String> signatures = new ConcurrentHashMap<>();
    private final Map<String, Upload> servedFiles = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final AtomicReference<Failure> nextFailure = new AtomicReference<>();
    private volatile Failure alwaysFailure;
    private volatile List<String> script;
    private volatile long eventDelayMillis;
    private volatile long firstByteDelayMillis;
    private volatile long createChatDelayMillis;
    private volatile long pauseAfterFirstContentMillis;
    private volatile SseStyle sseStyle = SseStyle.COMPACT;
    private volatile ModelBehaviour behaviour = ModelBehaviour.FOLLOWS;
    /** Usage answers held by account token; reset() and close() release them. */
    private final Map<String, UsageHold> usageHolds = new ConcurrentHashMap<>();
    /** Stalled streams wait on this; reset() and close() release them. */
    private volatile CountDownLatch stallRelease = new CountDownLatch(1);

    private HixSimulator(int port) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "hix-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, port), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static HixSimulator start() {
        return start(0);
    }

    public static HixSimulator start(int port) {
        try {
            return new HixSimulator(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HixAI simulator on 127.0.0.1:" + port, e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        stallRelease.countDown();
        usageHolds.values().forEach(UsageHold::release);
        server.stop(0);
        executor.shutdownNow();
    }

    /** Back to a fresh simulator: no accounts, chats, records, uploads, files, failures or script. */
    public void reset() {
        CountDownLatch released = stallRelease;
        stallRelease = new CountDownLatch(1);
        released.countDown();
        usageHolds.values().forEach(UsageHold::release);
        usageHolds.clear();
        accounts.clear();
        bots.clear();
        bots.putAll(PACKAGED_BOTS);
        chats.clear();
        requests.clear();
        chatCalls.clear();
        completedStreams.set(0);
        abortedStreams.set(0);
        deletedChatIds.clear();
        uploads.clear();
        signatures.clear();
        servedFiles.clear();
        redirects.clear();
        nextFailure.set(null);
        alwaysFailure = null;
        script = null;
        eventDelayMillis = 0;
        firstByteDelayMillis = 0;
        createChatDelayMillis = 0;
        pauseAfterFirstContentMillis = 0;
        sseStyle = SseStyle.COMPACT;
        behaviour = ModelBehaviour.FOLLOWS;
    }

    /**
     * A bot HixAI offers beyond the packaged table's, until reset(): its type and credit are what HixAI charges
     * for it, its reasoning flag whether its answers start with reasoning text; the name is not HixAI's concern.
     */
    public void addBot(HixModel bot) {
        bots.put(bot.botId(), bot);
    }

    public Account addAccount(String token, int standardCredit) {
        Account account = new Account(token, standardCredit, 0, false);
        accounts.put(token, account);
        return account;
    }

    public Account addSubscriber(String token, int standardCredit, int advancedCredit) {
        Account account = new Account(token, standardCredit, advancedCredit, true);
        accounts.put(token, account);
        return account;
    }

    public Account account(String token) {
        return accounts.get(token);
    }

    /** The content events of every chat answer; null restores the default echo answer. */
    public void answerWith(List<String> contentPieces) {
        script = contentPieces == null ? null : List.copyOf(contentPieces);
    }

    public void eventDelayMillis(long millis) {
        eventDelayMillis = millis;
    }

    public void firstByteDelayMillis(long millis) {
        firstByteDelayMillis = millis;
    }

    /** Every createChat call waits this long before it answers (or fails). */
    public void createChatDelayMillis(long millis) {
        createChatDelayMillis = millis;
    }

    /** A reasoning-like silence in every answer: this long between its first and second content event. */
    public void pauseAfterFirstContentMillis(long millis) {
        pauseAfterFirstContentMillis = millis;
    }

    /** How every model treats the gateway's tool and answer-format instructions from now on. */
    public void behaviour(ModelBehaviour modelBehaviour) {
        behaviour = modelBehaviour;
    }

    public void sseStyle(SseStyle style) {
        sseStyle = style == null ? SseStyle.COMPACT : style;
    }

    /** From now on, the usage answers of this account wait until the returned hold is released. */
    public UsageHold holdUsage(String token) {
        UsageHold hold = new UsageHold();
        usageHolds.put(token, hold);
        return hold;
    }

    /** The next createChat or chat call fails that way; stream-only failures wait for the next chat call. */
    public void failNext(Failure failure) {
        nextFailure.set(failure);
    }

    /** Every createChat, chat and usage call fails that way (stream-only failures: every chat); null stops it. */
    public void failAlways(Failure failure) {
        alwaysFailure = failure;
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Chat answers written to their end. */
    public int completedStreams() {
        return completedStreams.get();
    }

    /** Chat answers whose connection the gateway closed before their end. */
    public int abortedStreams() {
        return abortedStreams.get();
    }

    public List<ChatCall> chatCalls() {
        synchronized (chatCalls) {
            return List.copyOf(chatCalls);
        }
    }

    public List<String> deletedChatIds() {
        synchronized (deletedChatIds) {
            return List.copyOf(deletedChatIds);
        }
    }

    public Map<String, ChatRecord> chats() {
        return Collections.unmodifiableMap(chats);
    }

    /** Uploaded files by object key: {@code <random-key>/<filename>}, the part of the URL after /upload/. */
    public Map<String, Upload> uploads() {
        return Collections.unmodifiableMap(uploads);
    }

    /** GET path answers with these bytes, without any cookie. */
    public void serveFile(String path, byte[] bytes, String contentType) {
        servedFiles.put(path, new Upload(bytes.clone(), contentType));
    }

    /** GET path answers 302 to {@code location}: for redirect handling of attachment URLs. */
    public void serveRedirect(String path, String location) {
        redirects.put(path, location);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : (int) env("SIM_PORT", DEFAULT_PORT);
        HixSimulator simulator = start(port);
        simulator.eventDelayMillis(env("SIM_EVENT_DELAY_MS", DEFAULT_MANUAL_EVENT_DELAY));
        simulator.addAccount("demo-standard", 1000);
        simulator.addSubscriber("demo-subscriber", 1000, 500);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("HixAI simulator listening on " + simulator.baseUrl());
        System.out.println("session tokens: demo-standard (standard 1000), "
                + "demo-subscriber (standard 1000, advanced 500, subscriber)");
        System.out.println("run the gateway against it: HIX_BASE_URL=" + simulator.baseUrl()
                + " java -jar target/hixai2api.jar");
        new CountDownLatch(1).await();
    }

    private static long env(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            RecordedRequest request = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), lowerCaseHeaders(ex.getRequestHeaders()), body);
            requests.add(request);
            route(ex, request);
        } catch (InterruptedException e) {
            // the simulator is closing: drop the connection
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a simulator bug must show as a 500, not pass for a simulated connection reset
            e.printStackTrace();
            if (ex.getResponseCode() == -1) {
                send(ex, 500, "text/plain; charset=utf-8", ("simulator error: " + e).getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            // closing before any response header was sent closes the connection without a response
            ex.close();
        }
    }

    private void route(HttpExchange ex, RecordedRequest request) throws IOException, InterruptedException {
        String path = request.path();
        if (path.startsWith("/api/")) {
            api(ex, request);
        } else if (path.startsWith(UPLOAD_PREFIX)) {
            objectStore(ex, request);
        } else if (redirects.containsKey(path) && request.method().equals("GET")) {
            ex.getResponseHeaders().set("Location", redirects.get(path));
            send(ex, 302, "text/plain; charset=utf-8", new byte[0]);
        } else if (servedFiles.containsKey(path) && request.method().equals("GET")) {
            Upload file = servedFiles.get(path);
            send(ex, 200, file.contentType(), file.bytes());
        } else {
            send(ex, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Endpoint endpoint(String method, String path) {
        boolean post = method.equals("POST");
        if (post && path.equals("/api/trpc/hixChat.createChat")) {
            return Endpoint.CREATE_CHAT;
        }
        if (post && path.equals("/api/hix/chat")) {
            return Endpoint.CHAT;
        }
        if (post && path.equals("/api/trpc/hixChat.deleteChat")) {
            return Endpoint.DELETE_CHAT;
        }
        if (post && path.equals("/api/upload/sign")) {
            return Endpoint.SIGN;
        }
        if (method.equals("GET") && path.startsWith(TRPC_PREFIX)
                && USAGE_PROCEDURES.containsAll(Arrays.asList(procedures(path)))) {
            return Endpoint.USAGE;
        }
        return null;
    }

    private void api(HttpExchange ex, RecordedRequest request) throws IOException, InterruptedException {
        Endpoint endpoint = endpoint(request.method(), request.path());
        if (endpoint == null) {
            sendJson(ex, 404, statusBody(-1, "Not Found"));
            return;
        }
        if (endpoint == Endpoint.CHAT && firstByteDelayMillis > 0) {
            Thread.sleep(firstByteDelayMillis);
        }
        if (endpoint == Endpoint.CREATE_CHAT && createChatDelayMillis > 0) {
            Thread.sleep(createChatDelayMillis);
        }
        Failure global = takeGlobalFailure(endpoint);
        if (global != null) {
            fail(ex, request.path(), global, null);
            return;
        }
        String token = sessionToken(ex.getRequestHeaders());
        Account account = token == null ? null : accounts.get(token);
        if (account == null) {
            sendJson(ex, 401, notLogin());
            return;
        }
        UsageHold hold = endpoint == Endpoint.USAGE ? usageHolds.get(token) : null;
        if (hold != null) {
            hold.park();  // answers as the account is on release
        }
        if (!account.loggedIn()) {
            fail(ex, request.path(), account.deadShape(), null);
            return;
        }
        Failure own = account.failure();
        boolean chatRelated = endpoint == Endpoint.CREATE_CHAT || endpoint == Endpoint.CHAT;
        if (chatRelated && own != null && !own.streamOnly()) {
            fail(ex, request.path(), own, null);
            return;
        }
        switch (endpoint) {
            case CREATE_CHAT -> createChat(ex, request, account);
            case CHAT -> chat(ex, request, account);
            case USAGE -> usage(ex, request, account);
            case DELETE_CHAT -> deleteChat(ex, request, account);
            case SIGN -> sign(ex, request);
        }
    }

    /** A failNext/failAlways failure that hits before anything else (Cloudflare, gateway, auth layer). */
    private Failure takeGlobalFailure(Endpoint endpoint) {
        if (endpoint == Endpoint.CREATE_CHAT || endpoint == Endpoint.CHAT) {
            Failure next = nextFailure.get();
            if (next != null && !next.streamOnly() && nextFailure.compareAndSet(next, null)) {
                return next;
            }
        }
        Failure always = alwaysFailure;
        boolean applies = endpoint == Endpoint.CREATE_CHAT || endpoint == Endpoint.CHAT
                || endpoint == Endpoint.USAGE;
        return applies && always != null && !always.streamOnly() ? always : null;
    }

    /** The stream-only failure for an accepted chat call, if any. */
    private Failure takeStreamFailure(Account account) {
        Failure next = nextFailure.get();
        if (next != null && next.streamOnly() && nextFailure.compareAndSet(next, null)) {
            return next;
        }
        Failure always = alwaysFailure;
        if (always != null && always.streamOnly()) {
            return always;
        }
        Failure own = account.failure();
        return own != null && own.streamOnly() ? own : null;
    }

    // ---------------------------------------------------------------- endpoints

    private void createChat(HttpExchange ex, RecordedRequest request, Account account) throws IOException {
        JsonNode input = trpcInput(request);
        if (input == null || !input.path("botId").canConvertToInt()) {
            trpcError(ex, request.path(), 400, -32600, "BAD_REQUEST", "Invalid input: botId", null);
            return;
        }
        int botId = input.path("botId").asInt();
        HixModel model = bots.get(botId);
        if (model == null) {
            trpcError(ex, request.path(), 400, -32600, "BAD_REQUEST", "Invalid botId: " + botId, null);
            return;
        }
        if (!account.canPay(model)) {
            fail(ex, request.path(), Failure.CREDIT_EXHAUSTED, model.type());
            return;
        }
        String id = newChatId(new ChatRecord(account.token(), botId, new CopyOnWriteArrayList<>()));
        ObjectNode output = JSON.createObjectNode().put("id", id);
        sendJson(ex, 200, JSON.createArrayNode().add(trpcResult(output)));
    }

    private void chat(HttpExchange ex, RecordedRequest request, Account account)
            throws IOException, InterruptedException {
        JsonNode body = parse(request.body());
        String chatId = text(body, "chatId");
        String question = text(body, "question");
        if (body == null || question == null) {
            sendJson(ex, 400, statusBody(-1, "Invalid request"));
            return;
        }
        ChatRecord chat = chatId == null ? null : chats.get(chatId);
        if (chat == null || !chat.token().equals(account.token())) {
            sendJson(ex, 404, statusBody(-1, "Chat not found"));
            return;
        }
        HixModel model = bots.get(chat.botId());
        if (!account.canPay(model)) {
            fail(ex, request.path(), Failure.CREDIT_EXHAUSTED, model.type());
            return;
        }
        Failure streamFailure = takeStreamFailure(account);
        if (streamFailure == Failure.HTML_INSTEAD_OF_SSE) {
            fail(ex, request.path(), streamFailure, null);
            return;
        }
        // a concurrent chat may have spent the credit since canPay
        if (!account.tryDebit(model)) {
            fail(ex, request.path(), Failure.CREDIT_EXHAUSTED, model.type());
            return;
        }
        chat.questions().add(question);
        JsonNode search = body.get("search");
        chatCalls.add(new ChatCall(chatId, question, text(body, "fileUrl"),
                search != null && search.isBoolean() ? search.asBoolean() : null, text(body, "searchType"),
                account.token(), chat.botId(), request.headers()));
        stream(ex, model, List.copyOf(chat.questions()), streamFailure);
    }

    private void stream(HttpExchange ex, HixModel model, List<String> questions, Failure failure)
            throws IOException, InterruptedException {
        try {
            writeStream(ex, model, questions, failure);
            completedStreams.incrementAndGet();
        } catch (IOException e) {
            // the gateway closed the connection before the answer ended
            abortedStreams.incrementAndGet();
            throw e;
        }
    }

    private void writeStream(HttpExchange ex, HixModel model, List<String> questions, Failure failure)
            throws IOException, InterruptedException {
        if (failure == Failure.SLOW_FIRST_BYTE) {
            Thread.sleep(SLOW_FIRST_BYTE_MILLIS);
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache, no-transform");
        ex.sendResponseHeaders(200, 0);
        SseWriter sse = new SseWriter(ex.getResponseBody(), sseStyle, eventDelayMillis);
        sse.open();
        sse.event(event("id", "msg_" + randomChars(24)));
        if (model.reasoning()) {
            sse.event(event("reasoning_content", "Let me think"));
            sse.event(event("reasoning_content", " about it."));
            sse.event(JSON.writeValueAsString(JSON.createObjectNode().put("thinking_time", 3)));
        }
        if (failure == Failure.MALFORMED_SSE) {
            sse.rawLine("data: {\"content\":");
            sse.rawLine("garbage");
        }
        List<String> pieces = script != null ? script : InstructedModel.answer(questions, behaviour)
                .orElseGet(() -> defaultAnswer(questions.get(questions.size() - 1)));
        boolean cutShort = failure == Failure.STALL_MID_STREAM || failure == Failure.DROP_MID_STREAM;
        int limit = cutShort ? Math.min(EVENTS_BEFORE_STREAM_FAILURE, pieces.size()) : pieces.size();
        for (int i = 0; i < limit; i++) {
            sse.event(event("content", pieces.get(i)));
            if (i == 0 && pauseAfterFirstContentMillis > 0) {
                Thread.sleep(pauseAfterFirstContentMillis);
            }
        }
        if (failure == Failure.STALL_MID_STREAM) {
            stallRelease.await(STALL_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (!cutShort) {
            sse.event("[DONE]");
        }
    }

    private void usage(HttpExchange ex, RecordedRequest request, Account account) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        for (String procedure : procedures(request.path())) {
            switch (procedure) {
                case "hixChat.getUsedBotList" -> results.add(trpcResult(usedBots(account)));
                case "subLog.getSubLog" -> results.add(trpcResult(subLog(account)));
                default -> results.add(subUsage(account));
            }
        }
        sendJson(ex, 200, results);
    }

    private void deleteChat(HttpExchange ex, RecordedRequest request, Account account) throws IOException {
        JsonNode input = trpcInput(request);
        String id = text(input, "id");
        if (id == null) {
            trpcError(ex, request.path(), 400, -32600, "BAD_REQUEST", "Invalid input: id", null);
            return;
        }
        deletedChatIds.add(id);
        ChatRecord chat = chats.get(id);
        if (chat == null || !chat.token().equals(account.token()) || !chats.remove(id, chat)) {
            trpcError(ex, request.path(), 404, -32004, "NOT_FOUND", "Chat not found", null);
            return;
        }
        sendJson(ex, 200, JSON.createArrayNode().add(trpcResult(JSON.createObjectNode().put("id", id))));
    }

    private void sign(HttpExchange ex, RecordedRequest request) throws IOException {
        JsonNode body = parse(request.body());
        String filename = text(body, "filename");
        if (filename == null || !SAFE_FILENAME.matcher(filename).matches()) {
            sendJson(ex, 400, statusBody(-1, "Invalid filename"));
            return;
        }
        String objectKey = randomChars(16) + "/" + filename;
        String signature = randomHex(64);
        signatures.put(objectKey, signature);
        String url = baseUrl + UPLOAD_PREFIX + objectKey
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=SIMULATED%2F20250101%2Fauto%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20250101T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=" + signature;
        sendJson(ex, 200, JSON.createObjectNode().put("sign", url));
    }

    private void objectStore(HttpExchange ex, RecordedRequest request) throws IOException {
        String objectKey = request.path().substring(UPLOAD_PREFIX.length());
        if (request.method().equals("PUT")) {
            String expected = signatures.get(objectKey);
            if (expected == null || !expected.equals(queryParam(request.query(), "X-Amz-Signature"))) {
                sendXmlError(ex, 403, "SignatureDoesNotMatch");
                return;
            }
            String contentType = request.headers().getOrDefault("content-type", "application/octet-stream");
            uploads.put(objectKey, new Upload(request.body(), contentType));
            send(ex, 200, "text/plain", new byte[0]);
        } else if (request.method().equals("GET") && uploads.containsKey(objectKey)) {
            Upload upload = uploads.get(objectKey);
            send(ex, 200, upload.contentType(), upload.bytes());
        } else {
            sendXmlError(ex, 404, "NoSuchKey");
        }
    }

    // ---------------------------------------------------------------- answers

    private static String event(String field, String value) throws JsonProcessingException {
        return JSON.writeValueAsString(JSON.createObjectNode().put(field, value));
    }

    /** The echo answer, split into words that keep their leading whitespace. */
    private static List<String> defaultAnswer(String question) {
        String asked = question.codePoints().limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return List.of(WORD_START.split("Hello from HixAI. You asked: " + asked));
    }

    private ArrayNode usedBots(Account account) {
        ArrayNode bots = JSON.createArrayNode();
        chats.values().stream().filter(chat -> chat.token().equals(account.token()))
                .map(ChatRecord::botId).distinct().sorted()
                .forEach(botId -> bots.add(JSON.createObjectNode().put("botId", botId)));
        return bots;
    }

    private static JsonNode subLog(Account account) {
        if (!account.subscriber()) {
            return JSON.nullNode();
        }
        return JSON.createObjectNode().put("id", 1).put("subscription_id", subscriptionId(account))
                .put("status", account.activeSub() ? "active" : "canceled").put("app_name", "HIXChat");
    }

    private static ObjectNode subUsage(Account account) {
        ObjectNode data = JSON.createObjectNode();
        ObjectNode json = data.putObject("json");
        ArrayNode list = json.putArray("usageList");
        synchronized (account) {
            if (!account.emptyUsage()) {
                list.add(usageEntry(account, 1, "standard", account.standardUsed() + account.standardCredit(),
                        account.standardUsed()));
                if (account.subscriber() && !account.singleUsageEntry()) {
                    list.add(usageEntry(account, 2, "advanced", account.advancedUsed() + account.advancedCredit(),
                            account.advancedUsed()));
                }
            }
            json.put("isActiveSub", account.activeSub());
        }
        if (!list.isEmpty()) {
            ObjectNode values = data.putObject("meta").putObject("values");
            for (int i = 0; i < list.size(); i++) {
                values.putArray("usageList." + i + ".date_start").add("Date");
                values.putArray("usageList." + i + ".date_end").add("Date");
            }
        }
        ObjectNode element = JSON.createObjectNode();
        element.putObject("result").set("data", data);
        return element;
    }

    private static ObjectNode usageEntry(Account account, int id, String type, int total, int used) {
        LocalDate monthStart = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        return JSON.createObjectNode().put("id", id).put("subscription_id", subscriptionId(account))
                .put("total_count", total).put("use_count", used).put("status", "active")
                .put("usage_type", type).put("app_name", "HIXChat")
                .put("date_start", monthStart + "T00:00:00.000Z")
                .put("date_end", monthStart.plusMonths(1) + "T00:00:00.000Z")
                .put("price_id", account.subscriber() ? "price_hixchat_pro_monthly" : "price_hixchat_free");
    }

    private static String subscriptionId(Account account) {
        return "sub_" + Integer.toHexString(account.token().hashCode());
    }

    // ---------------------------------------------------------------- failures

    private void fail(HttpExchange ex, String path, Failure failure, ModelType usageType) throws IOException {
        switch (failure) {
            case UNAUTHORIZED_HTTP -> sendJson(ex, 401, notLogin());
            case NOT_LOGIN_BODY -> sendJson(ex, 200, notLogin());
            case TRPC_UNAUTHORIZED -> trpcError(ex, path, 401, -32001, "UNAUTHORIZED", "UNAUTHORIZED", null);
            case CREDIT_EXHAUSTED -> trpcError(ex, path, 403, -32003, "FORBIDDEN", "Insufficient credits",
                    usageType == null ? ModelType.STANDARD : usageType);
            case CLOUDFLARE_CHALLENGE -> cloudflare(ex, 403, true);
            case CLOUDFLARE_CHALLENGE_503 -> cloudflare(ex, 503, true);
            case CLOUDFLARE_BLOCK -> cloudflare(ex, 403, false);
            case SERVER_ERROR -> send(ex, 502, "text/html", Pages.badGateway().getBytes(StandardCharsets.UTF_8));
            case CONNECTION_RESET -> throw new IOException("simulated connection reset");
            case HTML_INSTEAD_OF_SSE -> send(ex, 200, "text/html; charset=utf-8",
                    Pages.appShell().getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException(failure + " only happens inside an event stream");
        }
    }

    private static void cloudflare(HttpExchange ex, int status, boolean challenge) throws IOException {
        String ray = Pages.rayId();
        Headers headers = ex.getResponseHeaders();
        headers.set("Server", "cloudflare");
        headers.set("cf-ray", ray);
        headers.set("Cache-Control", "private, max-age=0, no-store, no-cache, must-revalidate");
        if (challenge) {
            headers.set("cf-mitigated", "challenge");
        }
        String page = challenge ? Pages.challenge(ray) : Pages.block(ray);
        send(ex, status, "text/html; charset=UTF-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** tRPC calls get a batch array with one error per procedure; the chat and sign calls a single error. */
    private static void trpcError(HttpExchange ex, String path, int httpStatus, int code, String codeName,
                                  String message, ModelType usageType) throws IOException {
        if (!path.startsWith(TRPC_PREFIX)) {
            sendJson(ex, httpStatus, errorElement(path.substring("/api/".length()).replace('/', '.'),
                    httpStatus, code, codeName, message, usageType));
            return;
        }
        ArrayNode batch = JSON.createArrayNode();
        for (String procedure : procedures(path)) {
            batch.add(errorElement(procedure, httpStatus, code, codeName, message, usageType));
        }
        sendJson(ex, httpStatus, batch);
    }

    private static ObjectNode errorElement(String procedure, int httpStatus, int code, String codeName,
                                           String message, ModelType usageType) {
        ObjectNode element = JSON.createObjectNode();
        ObjectNode json = element.putObject("error").putObject("json");
        json.put("message", message).put("code", code);
        ObjectNode data = json.putObject("data").put("code", codeName).put("httpStatus", httpStatus)
                .put("path", procedure);
        if (usageType != null) {
            data.put("appName", "HIXChat").put("usageType", usageType.name().toLowerCase(Locale.ROOT));
        }
        return element;
    }

    // ---------------------------------------------------------------- helpers

    private String newChatId(ChatRecord record) {
        while (true) {
            String id = "c" + randomChars(24);
            if (chats.putIfAbsent(id, record) == null) {
                return id;
            }
        }
    }

    private static ObjectNode trpcResult(JsonNode output) {
        ObjectNode element = JSON.createObjectNode();
        element.putObject("result").putObject("data").set("json", output);
        return element;
    }

    private static JsonNode trpcInput(RecordedRequest request) {
        JsonNode body = parse(request.body());
        return body == null ? null : body.path("0").path("json");
    }

    private static String[] procedures(String path) {
        return path.substring(TRPC_PREFIX.length()).split(",");
    }

    private static ObjectNode notLogin() {
        return statusBody(-5, "not login");
    }

    private static ObjectNode statusBody(int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", status).put("message", message);
        body.putObject("data");
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static String sessionToken(Headers headers) {
        List<String> cookieHeaders = headers.get("Cookie");
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String cookie : header.split(";")) {
                int eq = cookie.indexOf('=');
                if (eq > 0 && cookie.substring(0, eq).trim().equals(COOKIE_NAME)) {
                    return cookie.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    private static Map<String, String> lowerCaseHeaders(Headers headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            result.put(key, String.join(key.equals("cookie") ? "; " : ", ", values));
        });
        return Collections.unmodifiableMap(result);
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String randomChars(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return out.toString();
    }

    private static String randomHex(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private static void sendXmlError(HttpExchange ex, int status, String code) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code></Error>";
        send(ex, status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }
}
