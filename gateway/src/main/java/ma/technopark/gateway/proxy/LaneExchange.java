package ma.technopark.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.opentelemetry.api.trace.Span;
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
    /** The answer's head, until its body's first piece comes. */
    private HttpResponse pendingHead;
    /** When the backend's connection last gave something of the answer (or took the request). */
    private long lastHeard;

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
        if (HttpUtil.getContentLength(head, 0L) > 0) {
            // a body that stalls is cut after the backend's timeout, as it is when Vert.x streams it to the backend
            timeout = client.executor().schedule(this::bodyTimedOut, backend.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
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
            cancelTimeout();
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
        lastHeard = System.nanoTime();
        timeout = channel.eventLoop().schedule(this::timedOut, backend.timeout().toNanos(), TimeUnit.NANOSECONDS);
        channel.writeAndFlush(request, channel.voidPromise()); // a failure reaches LanePool's handler, which closes it
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
        lastHeard = System.nanoTime();
        backend.circuit().onSuccess();
        status = response.status().code();
        originKeepAlive = HttpUtil.isKeepAlive(response);
        lane.answerHeaders(response.headers(), backend, path(), requestId, keepAlive);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        pendingHead = response; // written with the body's first piece: a whole small answer leaves in one write
    }

    void answerContent(HttpContent content) {
        if (state != State.ANSWERING) {
            content.release();
            return;
        }
        lastHeard = System.nanoTime();
        HttpResponse answer = pendingHead;
        pendingHead = null;
        if (answer != null && content instanceof LastHttpContent last && !HttpUtil.isTransferEncodingChunked(answer)) {
            int code = answer.status().code();
            if (!HttpUtil.isContentLengthSet(answer) && code >= 200 && code != 204 && code != 304) {
                HttpUtil.setContentLength(answer, last.content().readableBytes()); // a body that ended with its connection
            }
            content = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(), last.content(), answer.headers(),
                    last.trailingHeaders());
        } else if (answer != null) {
            client.write(answer, client.voidPromise());
        }
        if (content instanceof LastHttpContent) {
            cancelTimeout();
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
            if (pendingHead != null) {
                client.write(pendingHead, client.voidPromise());
                pendingHead = null;
            }
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
        if (state == State.ANSWERING && pendingHead == null) {
            state = State.DONE;
            lane.answered(span, template, head.method().name(), status, System.nanoTime() - started);
            client.close(); // part of the answer went out already: the client must see that it is cut short
            return;
        }
        pendingHead = null; // nothing of the answer went out: the client gets a 503 instead
        backend.circuit().onFailure();
        unavailable(cause);
    }

    private void bodyTimedOut() {
        if (state == State.READING) {
            client.close(); // the request never ended: nothing to answer it with but the end of the connection
        }
    }

    /** The backend's timeout, counted from the last thing it sent (as Vert.x's idle timeout on the proxied request). */
    private void timedOut() {
        timeout = null;
        if (state != State.SENT && state != State.ANSWERING) {
            return;
        }
        long quiet = System.nanoTime() - lastHeard;
        long limit = backend.timeout().toNanos();
        if (quiet < limit) {
            timeout = origin.eventLoop().schedule(this::timedOut, limit - quiet, TimeUnit.NANOSECONDS);
            return;
        }
        originFailed(new TimeoutException("nothing from the backend for " + backend.timeout()));
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
