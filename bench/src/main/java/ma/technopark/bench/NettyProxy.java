package ma.technopark.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.AttributeKey;

/**
 * A third comparator for the gateway: the leanest reverse proxy the JVM's usual network stack allows, for the
 * floor any JVM gateway pays on this machine. Netty alone, with no HTTP library above it: each request is read
 * whole, written as it came to a backend connection of its own (one per client connection, opened on the same
 * event loop, kept alive), and the answer written back as it came. No header is looked at, no pool, no routing,
 * no checks, no metrics. Run as its own process: {@code java -cp ... NettyProxy LISTEN_PORT BACKEND_PORT}.
 */
public final class NettyProxy {
    private static final int MAX_BODY = 1 << 20;

    private NettyProxy() {
    }

    public static void main(String[] args) throws InterruptedException {
        int listen = Integer.parseInt(args[0]);
        int backend = Integer.parseInt(args[1]);
        NioEventLoopGroup loops = new NioEventLoopGroup(2 * Runtime.getRuntime().availableProcessors());
        new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        client.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Front(backend));
                    }
                }).bind("127.0.0.1", listen).sync();
        System.out.println("netty proxy on " + listen + " -> " + backend);
    }

    /** A client's connection: opens its backend connection on its own event loop, then forwards each request. */
    private static final class Front extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final int backendPort;

        Front(int backendPort) {
            super(false); // the request's buffers go on to the backend's channel, which releases them
            this.backendPort = backendPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            client.config().setAutoRead(false);
            ChannelFuture connecting = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY), new Back(client));
                        }
                    }).connect("127.0.0.1", backendPort);
            connecting.addListener(connected -> {
                if (connected.isSuccess()) {
                    client.attr(Back.PAIR).set(connecting.channel());
                    client.config().setAutoRead(true);
                } else {
                    client.close();
                }
            });
            connecting.channel().closeFuture().addListener(closed -> client.close());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Back.of(ctx.channel()).writeAndFlush(request); // reading starts once the backend is connected
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Channel b = Back.of(ctx.channel());
            if (b != null) {
                b.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The backend's side of a pair (known to the client's channel by an attribute): answers go back as they came. */
    private static final class Back extends SimpleChannelInboundHandler<FullHttpResponse> {
        private static final AttributeKey<Channel> PAIR = AttributeKey.valueOf("backend");
        private final Channel client;

        Back(Channel client) {
            super(false); // the answer's buffers go on to the client's channel, which releases them
            this.client = client;
        }

        static Channel of(Channel client) {
            return client.attr(PAIR).get();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            client.writeAndFlush(response);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
