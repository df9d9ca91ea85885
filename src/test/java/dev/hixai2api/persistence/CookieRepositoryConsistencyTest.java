package dev.hixai2api.persistence;

import dev.hixai2api.pool.CookieRepository;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.hixai2api.hix.Credits;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.pool.HixCookie;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cookie rows as two gateway instances sharing one database see them: a credit re-read writes only over the
 * version it started from, and the in-memory pool never keeps a list read before this instance's latest write.
 */
class CookieRepositoryConsistencyTest {

    private final JdbcDataSource database = new JdbcDataSource();
    private final CountDownLatch rowsRead = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private volatile boolean holdNextConnection;

    @BeforeEach
    void migrate() {
        database.setURL("jdbc:h2:mem:cookies-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration/common").load().migrate();
    }

    @AfterEach
    void stopReader() {
        resume.countDown();
        reader.shutdownNow();
    }

    @Test
    void aReReadStartedOnOneInstanceDoesNotOverwriteWhatAnotherInstanceWroteSince() {
        CookieRepository instanceA = new CookieRepository(JdbcClient.create(database));
        CookieRepository instanceB = new CookieRepository(JdbcClient.create(database));
        long id = instanceA.insert("tok-shared-00001", "test", new Credits(100, 0, false));

        HixCookie reReadStart = instanceB.findById(id).orElseThrow();
        instanceA.markFailure(id, CookieState.DISABLED, "DEAD_SESSION: not logged in");
        boolean written = instanceB.updateCredits(id, reReadStart.version(), new Credits(96, 0, false));

        assertThat(written).isFalse();
        assertThat(instanceA.findAll()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CookieState.DISABLED);
            assertThat(c.credit()).isEqualTo(100);
        });
        assertThat(instanceB.findAll()).singleElement().extracting(HixCookie::state).isEqualTo(CookieState.DISABLED);
        HixCookie current = instanceB.findById(id).orElseThrow();
        assertThat(instanceB.updateCredits(id, current.version(), new Credits(96, 0, false)))
                .as("a re-read started from the current version is stored").isTrue();
        assertThat(instanceA.findById(id).orElseThrow().credit()).isEqualTo(96);
    }

    @Test
    void aListReadBeforeAWriteIsNotServedFromTheCacheAfterIt() throws Exception {
        CookieRepository repository = new CookieRepository(JdbcClient.create(holdingAfterRead(database)));
        long id = repository.insert("tok-cached-00001", "test", new Credits(100, 0, false));

        holdNextConnection = true;
        Future<List<HixCookie>> load = reader.submit(repository::findAll);
        assertThat(rowsRead.await(10, TimeUnit.SECONDS)).as("the load has read the rows").isTrue();
        repository.markFailure(id, CookieState.DISABLED, "DEAD_SESSION: not logged in");
        resume.countDown();
        load.get(10, TimeUnit.SECONDS);

        assertThat(repository.findAll()).singleElement().extracting(HixCookie::state).isEqualTo(CookieState.DISABLED);
    }

    /** The next connection taken waits, once its rows are read (as it is given back), until the test resumes it. */
    private DataSource holdingAfterRead(DataSource target) {
        return proxy(DataSource.class, (method, args) -> {
            Object result = call(method, target, args);
            if (method.getName().equals("getConnection") && holdNextConnection) {
                holdNextConnection = false;
                Connection connection = (Connection) result;
                return proxy(Connection.class, (m, a) -> {
                    if (m.getName().equals("close")) {
                        rowsRead.countDown();
                        resume.await(10, TimeUnit.SECONDS);
                    }
                    return call(m, connection, a);
                });
            }
            return result;
        });
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call.invoke(method, args)));
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
