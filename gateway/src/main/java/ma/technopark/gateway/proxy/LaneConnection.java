package ma.technopark.gateway.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One client connection's share of the {@link NettyLane}: a handler in the connection's Netty pipeline just before
 * Vert.x's own, which takes the requests the lane forwards and hands every other message on to Vert.x untouched.
 *
 * <p>Answers leave in the order the requests came (HTTP/1.1 pipelining): a request is the lane's only when Vert.x
 * has no request of the connection open, and while the lane's request is open the messages that follow wait here,
 * the connection's reading paused. Vert.x's answers pass through {@link #write}, which counts them out.
 */
final class LaneConnection extends ChannelDuplexHandler {
    static final String NAME = "technopark-lane";

    private final NettyLane lane;
    /** Requests handed to Vert.x whose final answer has not been written yet. */
    private int vertxOpen;
    /** The rest of a request handed to Vert.x (its body) is still coming: it goes to Vert.x too. */
    private boolean vertxReading;
    /** The answer Vert.x is writing is an interim one (1xx): its end is not the end of a request. */
    private boolean vertxInterim;
    /** The lane's request in flight on this connection, if any. */
    private LaneExchange current;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>(2);
    private boolean pausedHere;
    private String remoteHost;

    /** Installed while Vert.x handles the connection's first request, whose body may still be coming. */
    LaneConnection(NettyLane lane, boolean requestEnded) {
        this.lane = lane;
        this.vertxOpen = 1;
        this.vertxReading = !requestEnded;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (vertxReading) {
            if (msg instanceof LastHttpContent) {
                vertxReading = false;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (current != null) {
            if (current.readingBody() && msg instanceof HttpContent content) {
                current.body(content);
                return;
            }
            waiting.add(msg);
            if (!pausedHere) {
                pausedHere = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        if (msg instanceof HttpRequest request && vertxOpen == 0) {
            if (remoteHost == null) {
                remoteHost = NettyLane.host(ctx.channel().remoteAddress());
            }
            LaneExchange exchange = lane.take(this, ctx, request, remoteHost);
            if (exchange != null) {
                current = exchange;
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        if (msg instanceof HttpRequest) {
            vertxOpen++;
            vertxReading = !(msg instanceof LastHttpContent);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // only Vert.x's writes come through here: the lane writes from this handler's place, below it
        if (msg instanceof HttpResponse response) {
            vertxInterim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        boolean answered = msg instanceof LastHttpContent && !vertxInterim;
        if (msg instanceof LastHttpContent) {
            vertxInterim = false;
        }
        ctx.write(msg, promise);
        if (answered && vertxOpen > 0) {
            vertxOpen--;
        }
    }

    /** The lane's request has been answered in full: the messages that waited are taken in their order. */
    void exchangeDone(ChannelHandlerContext ctx) {
        current = null;
        if (pausedHere) {
            pausedHere = false;
            ctx.channel().config().setAutoRead(true);
        }
        if (waiting.isEmpty()) {
            return;
        }
        while (!waiting.isEmpty() && (current == null || current.readingBody())) {
            channelRead(ctx, waiting.poll());
        }
        // Vert.x writes what it answers to messages read outside a read of the socket once a read completes
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritable(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientGone();
            current = null;
        }
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        ctx.fireChannelInactive();
    }
}
