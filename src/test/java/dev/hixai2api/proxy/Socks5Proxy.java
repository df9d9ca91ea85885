package dev.hixai2api.proxy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test-only SOCKS5 proxy (RFC 1928): the "no authentication" method only, the CONNECT command only, IPv4,
 * domain-name and IPv6 addresses. HTTP requests inside its tunnels are recorded as they pass.
 */
public final class Socks5Proxy extends TestProxy {

    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0x00;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final int CONNECT = 0x01;
    private static final int IPV4 = 0x01;
    private static final int DOMAIN = 0x03;
    private static final int IPV6 = 0x04;
    private static final int SUCCEEDED = 0x00;
    private static final int CONNECTION_REFUSED = 0x05;
    private static final int COMMAND_NOT_SUPPORTED = 0x07;
    private static final int ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

    /** One CONNECT the proxy carried out: how the client named the target (ipv4, domain, ipv6) and the target. */
    public record Connect(String addressType, String target) {
    }

    private final List<Connect> connects = Collections.synchronizedList(new ArrayList<>());

    private Socks5Proxy() {
        super("socks5-proxy");
    }

    public static Socks5Proxy start() {
        return new Socks5Proxy();
    }

    public List<Connect> connects() {
        synchronized (connects) {
            return List.copyOf(connects);
        }
    }

    @Override
    protected void serve(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
        OutputStream out = client.getOutputStream();
        if (in.readUnsignedByte() != VERSION) {
            return;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        boolean noAuthentication = false;
        for (byte method : methods) {
            noAuthentication |= method == NO_AUTHENTICATION;
        }
        out.write(new byte[] {VERSION, (byte) (noAuthentication ? NO_AUTHENTICATION : NO_ACCEPTABLE_METHOD)});
        out.flush();
        if (!noAuthentication) {
            return;
        }

        if (in.readUnsignedByte() != VERSION) {
            return;
        }
        int command = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int addressType = in.readUnsignedByte();
        String host;
        String typeName;
        switch (addressType) {
            case IPV4 -> {
                host = InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                typeName = "ipv4";
            }
            case DOMAIN -> {
                host = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                typeName = "domain";
            }
            case IPV6 -> {
                host = InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                typeName = "ipv6";
            }
            default -> {
                reply(out, ADDRESS_TYPE_NOT_SUPPORTED, new byte[4], 0);
                return;
            }
        }
        int port = in.readUnsignedShort();
        if (command != CONNECT) {
            reply(out, COMMAND_NOT_SUPPORTED, new byte[4], 0);
            return;
        }
        Socket target;
        try {
            target = connect(host, port);
        } catch (IOException e) {
            reply(out, CONNECTION_REFUSED, new byte[4], 0);
            return;
        }
        String name = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        connects.add(new Connect(typeName, name));
        byte[] bound = target.getLocalAddress().getAddress();
        reply(out, SUCCEEDED, bound.length == 4 ? bound : new byte[4], bound.length == 4 ? target.getLocalPort() : 0);
        relay(client, in, target, name);
    }

    private static void reply(OutputStream out, int status, byte[] ipv4, int port) throws IOException {
        out.write(new byte[] {VERSION, (byte) status, 0, IPV4, ipv4[0], ipv4[1], ipv4[2], ipv4[3],
                (byte) (port >> 8), (byte) port});
        out.flush();
    }
}
