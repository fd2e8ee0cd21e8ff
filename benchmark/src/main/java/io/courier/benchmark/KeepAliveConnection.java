package io.courier.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One load client's own HTTP/1.1 connection, kept alive: a request is one write, an answer one or two reads.
 * The JDK's HttpClient spends about a quarter of a millisecond of CPU per request on its selector thread and
 * future hand-offs; on two cores shared with the server under test that was 14% of the machine, measured as
 * load generator rather than server. Speaks only what the scenarios need: JSON bodies, Content-Length or
 * chunked answers.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(URI base) {
        this.base = base;
    }

    CourierApi.Response post(String path, Object body, String accessToken) {
        try {
            return exchange("POST", path, JSON.writeValueAsBytes(body), accessToken);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    CourierApi.Response get(String path, String accessToken) {
        try {
            return exchange("GET", path, null, accessToken);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private CourierApi.Response exchange(String method, String path, byte[] body, String accessToken) throws IOException {
        if (socket == null) {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        byte[] request = request(base, method, path, body, accessToken);
        out.write(request);
        out.flush();
        return readResponse();
    }

    /** One HTTP/1.1 request, head and body, as it goes on the wire. */
    static byte[] request(URI base, String method, String path, byte[] body, String accessToken) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Accept: application/json\r\n");
        if (accessToken != null) {
            head.append("Authorization: Bearer ").append(accessToken).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private CourierApi.Response readResponse() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        byte[] content;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                readLine();
            }
            readLine();
            content = all.toByteArray();
        } else if (contentLength >= 0) {
            content = in.readNBytes((int) contentLength);
        } else {
            content = in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new CourierApi.Response(status, content.length == 0 ? null : JSON.readTree(content));
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that failed anyway
            }
            socket = null;
        }
    }
}
