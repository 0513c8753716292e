package ma.technopark.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.opentelemetry.api.trace.Span;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ma.technopark.gateway.backend.Backend;

/**
 * One request the {@link NettyLane} forwards: its body gathered, sent on a pooled connection to its backend, the
 * answer streamed back with the edge's headers. Lives on the client connection's event loop, as does the backend
 * connection it borrows, so nothing here is shared between threads.
 */
final class LaneExchange {
    private enum State { READING, WAITING, SENT, ANSWERING, DONE }

    private final NettyLane lane;
    private final LaneConnection connection;
    private final ChannelHandlerContext client;
    private final HttpRequest head;
    private final Backend backend;
    private final String requestId;
    private final String template;
    private final Span span;
    private final boolean keepAlive;
    private final long started;
    private CompositeByteBuf body;
    private State state = State.READING;
    private Channel origin;
    private LanePool pool;
    private boolean reused;
    private boolean hadBody;
    private boolean originKeepAlive;
    private int status;
    private ScheduledFuture<?> timeout;

    LaneExchange(NettyLane lane, LaneConnection connection, ChannelHandlerContext client, HttpRequest head, Backend backend,
            String requestId, String template, Span span) {
        this.lane = lane;
        this.connection = connection;
        this.client = client;
        this.head = head;
        this.backend = backend;
        this.requestId = requestId;
        this.template = template;
        this.span = span;
        this.keepAlive = HttpUtil.isKeepAlive(head);
        this.started = System.nanoTime();
    }

    boolean readingBody() {
        return state == State.READING;
    }

    /** A piece of the request's body (its length was checked against the limit before the lane took it). */
    void body(HttpContent content) {
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            if (body == null) {
                body = client.alloc().compositeBuffer();
            }
            body.addComponent(true, bytes.retain());
        }
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last) {
            state = State.WAITING;
            pool = lane.pool(client.channel().eventLoop(), backend);
            pool.acquire(this);
        }
    }

    /** A connection to the backend is this request's: the request goes out on it. */
    void send(Channel channel, boolean wasIdle) {
        if (state == State.DONE) {
            pool.release(channel, true);
            return;
        }
        origin = channel;
        reused = wasIdle;
        state = State.SENT;
        ByteBuf content = body != null ? body : Unpooled.EMPTY_BUFFER;
        body = null;
        hadBody = content.isReadable();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, head.method(), head.uri(), content,
                lane.requestHeaders(head.headers(), backend, requestId, span, content.readableBytes()),
                EmptyHttpHeaders.INSTANCE);
        channel.attr(LanePool.EXCHANGE).set(this);
        timeout = channel.eventLoop().schedule(this::timedOut, backend.timeout().toMillis(), TimeUnit.MILLISECONDS);
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                originFailed(written.cause());
            }
        });
    }

    /** No connection could be made to the backend. */
    void connectFailed(Throwable cause) {
        if (state == State.DONE) {
            return;
        }
        backend.circuit().onFailure();
        unavailable(cause);
    }

    void answerHead(HttpResponse response) {
        if (state != State.SENT) {
            return;
        }
        state = State.ANSWERING;
        cancelTimeout();
        backend.circuit().onSuccess();
        status = response.status().code();
        originKeepAlive = HttpUtil.isKeepAlive(response);
        HttpResponse answer = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                lane.answerHeaders(response.headers(), backend, path(), requestId, keepAlive));
        client.write(answer, client.voidPromise());
    }

    void answerContent(HttpContent content) {
        if (state != State.ANSWERING) {
            content.release();
            return;
        }
        if (content instanceof LastHttpContent) {
            state = State.DONE;
            lane.answered(span, template, head.method().name(), status, System.nanoTime() - started);
            Channel channel = origin;
            origin = null;
            channel.attr(LanePool.EXCHANGE).set(null);
            pool.release(channel, originKeepAlive);
            if (keepAlive) {
                client.writeAndFlush(content, client.voidPromise());
                connection.exchangeDone(client);
            } else {
                client.writeAndFlush(content).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        client.write(content, client.voidPromise());
        if (!client.channel().isWritable()) {
            client.flush();
        }
    }

    /** The backend's connection has read what it had for now: what of the answer came goes out. */
    void flush() {
        if (state == State.ANSWERING) {
            client.flush();
        }
    }

    /** The client can take more (or no more) of the answer: the backend's connection reads on (or waits). */
    void clientWritable(boolean writable) {
        if (origin != null) {
            origin.config().setAutoRead(writable);
        }
    }

    /** The backend's connection failed or closed before the answer ended. */
    void originFailed(Throwable cause) {
        if (state == State.DONE) {
            return;
        }
        cancelTimeout();
        Channel channel = origin;
        origin = null;
        if (channel != null) {
            channel.attr(LanePool.EXCHANGE).set(null);
            pool.release(channel, false);
        }
        if (state == State.SENT && reused && !hadBody && !(cause instanceof TimeoutException) && lane.idempotent(head.method())) {
            // a kept-alive connection the backend closed as the request went out: nothing was answered, try a fresh one
            reused = false;
            state = State.WAITING;
            pool.connectFor(this);
            return;
        }
        if (state == State.ANSWERING) {
            state = State.DONE;
            lane.answered(span, template, head.method().name(), status, System.nanoTime() - started);
            client.close(); // part of the answer went out already: the client must see that it is cut short
            return;
        }
        backend.circuit().onFailure();
        unavailable(cause);
    }

    private void timedOut() {
        originFailed(new TimeoutException("no answer in " + backend.timeout()));
    }

    /** The client closed its connection: the backend's request is dropped, which is not the backend's fault. */
    void clientGone() {
        State was = state;
        state = State.DONE;
        cancelTimeout();
        if (body != null) {
            body.release();
            body = null;
        }
        if (origin != null) {
            origin.attr(LanePool.EXCHANGE).set(null);
            pool.release(origin, false);
            origin = null;
        }
        if (was == State.SENT || was == State.ANSWERING) {
            backend.circuit().onAbandoned();
        }
        if (was != State.DONE) {
            lane.abandoned(span);
        }
    }

    private void unavailable(Throwable cause) {
        state = State.DONE;
        if (body != null) {
            body.release();
            body = null;
        }
        lane.unavailable(client, head, backend, requestId, keepAlive, cause);
        lane.answered(span, template, head.method().name(), 503, System.nanoTime() - started);
        if (keepAlive) {
            connection.exchangeDone(client);
        }
    }

    private String path() {
        String uri = head.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
