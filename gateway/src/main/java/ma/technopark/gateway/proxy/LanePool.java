package ma.technopark.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import ma.technopark.gateway.backend.Backend;

/**
 * The {@link NettyLane}'s keep-alive connections to one backend from one event loop, opened on that loop: a request
 * and its backend connection never change threads. At most {@code max} connections; past that, requests wait
 * their turn. A connection is made to the backend's addresses in turn, a refused address left out
 * ({@link ma.technopark.gateway.backend.BackendAddresses}), and tried on the next one.
 */
final class LanePool {
    /** The exchange a backend connection is answering, if any. */
    static final AttributeKey<LaneExchange> EXCHANGE = AttributeKey.valueOf("technopark-lane-exchange");
    /**
     * How long a connection may sit idle before it is closed rather than used (Vert.x's client keeps them 60 s): a
     * service closes its idle connections after a while, and a request sent as it does would find its answer lost.
     */
    static final long KEEP_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final AttributeKey<Long> IDLE_SINCE = AttributeKey.valueOf("technopark-lane-idle-since");

    private final Backend backend;
    private final int max;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<LaneExchange> waiting = new ArrayDeque<>();
    private int open;

    LanePool(EventLoop loop, Backend backend, int max, int connectTimeoutMillis) {
        this.backend = backend;
        this.max = max;
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), ORIGIN);
                    }
                });
    }

    void acquire(LaneExchange exchange) {
        Channel channel = idle.pollLast(); // the most recently used: the others are older
        if (channel != null) {
            if (System.nanoTime() - channel.attr(IDLE_SINCE).get() < KEEP_IDLE_NANOS && channel.isActive()) {
                exchange.send(channel, true);
                return;
            }
            channel.close();
            while ((channel = idle.pollFirst()) != null) {
                channel.close();
            }
        }
        if (open < max) {
            connectFor(exchange);
        } else {
            waiting.add(exchange);
        }
    }

    /** Opens a connection for {@code exchange} (counted against the limit from now on). */
    void connectFor(LaneExchange exchange) {
        open++;
        connect(exchange, Math.max(2, backend.addresses().count()));
    }

    private void connect(LaneExchange exchange, int attemptsLeft) {
        InetAddress address = backend.addresses().next();
        InetSocketAddress remote = address != null ? new InetSocketAddress(address, backend.port())
                : InetSocketAddress.createUnresolved(backend.url().getHost(), backend.port());
        ChannelFuture connecting = bootstrap.connect(remote);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                backend.addresses().connected(address);
                Channel channel = connecting.channel();
                channel.closeFuture().addListener(closed -> closed(channel));
                exchange.send(channel, false);
                return;
            }
            backend.addresses().refused(address);
            if (attemptsLeft > 1) {
                connect(exchange, attemptsLeft - 1);
                return;
            }
            open--;
            exchange.connectFailed(done.cause());
            next();
        });
    }

    /** An exchange is done with {@code channel}: it goes back to the pool, or is closed when it cannot serve again. */
    void release(Channel channel, boolean reusable) {
        if (!reusable || !channel.isActive()) {
            channel.close(); // counted out when it is closed
            return;
        }
        LaneExchange next = waiting.poll();
        if (next != null) {
            next.send(channel, true);
        } else {
            channel.attr(IDLE_SINCE).set(System.nanoTime());
            idle.addLast(channel);
        }
    }

    private void closed(Channel channel) {
        open--;
        idle.remove(channel);
        LaneExchange exchange = channel.attr(EXCHANGE).getAndSet(null);
        if (exchange != null) {
            exchange.originFailed(new ClosedChannelException());
        }
        next();
    }

    /** A connection may be opened again: the first waiting request gets it. */
    private void next() {
        if (open < max && !waiting.isEmpty()) {
            connectFor(waiting.poll());
        }
    }

    /** A backend connection's answers, handed to the exchange it serves; interim answers (1xx) are dropped. */
    private static final ChannelHandler ORIGIN = new Origin();

    @ChannelHandler.Sharable
    private static final class Origin extends ChannelInboundHandlerAdapter {
        private static final AttributeKey<Boolean> INTERIM = AttributeKey.valueOf("technopark-lane-interim");

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            LaneExchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange == null) {
                ReferenceCountUtil.release(msg);
                ctx.close(); // nothing asked: the connection is out of step
                return;
            }
            if (msg instanceof HttpResponse response) {
                boolean interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                ctx.channel().attr(INTERIM).set(interim);
                if (!interim) {
                    exchange.answerHead(response);
                }
            }
            if (msg instanceof HttpContent content) {
                if (Boolean.TRUE.equals(ctx.channel().attr(INTERIM).get())) {
                    if (content instanceof LastHttpContent) {
                        ctx.channel().attr(INTERIM).set(false);
                    }
                    content.release();
                } else {
                    exchange.answerContent(content);
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            LaneExchange exchange = ctx.channel().attr(EXCHANGE).get();
            if (exchange != null) {
                exchange.flush(); // an answer that comes in pieces reaches the client as they come
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LaneExchange exchange = ctx.channel().attr(EXCHANGE).getAndSet(null);
            if (exchange != null) {
                exchange.originFailed(cause);
            }
            ctx.close();
        }
    }
}
