package dev.holdfast.fetch;

import java.io.IOException;

/**
 * A non-200 answer from a proxy, before it is turned into one of the module source failures: the go
 * command's {@code web.HTTPError}, whose message this reproduces ({@code reading URL: 404 Not Found},
 * optionally followed by the server's text, or {@code reading URL: no such file or directory} for a
 * {@code file://} proxy).
 */
final class HttpError extends IOException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final java.time.Duration retryAfter;

    /**
     * Returns the error for URL {@code url} (redacted), status {@code statusCode} and status text {@code
     * status}, with the server's {@code detail} (may be empty) or the file system's {@code fileReason}
     * (null for HTTP), and the wait the server asked for with {@code Retry-After} (null for none).
     */
    HttpError(
            String url,
            int statusCode,
            String status,
            String detail,
            String fileReason,
            java.time.Duration retryAfter) {
        super(message(url, status, detail, fileReason));
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    int statusCode() {
        return statusCode;
    }

    /** Returns the server's {@code Retry-After}, or null. */
    java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** Reports whether the answer means "no such module or version" (404 or 410). */
    boolean isNotExist() {
        return statusCode == 404 || statusCode == 410;
    }

    private static String message(String url, String status, String detail, String fileReason) {
        if (!detail.isEmpty()) {
            String sep = detail.contains("\n") ? "\n\t" : " ";
            return "reading " + url + ": " + status + "\n\tserver response:" + sep + detail;
        }
        if (fileReason != null) {
            return "reading " + url + ": " + fileReason;
        }
        return "reading " + url + ": " + status;
    }

    /** Returns the status line the go command shows for {@code code}, for example {@code 404 Not Found}. */
    static String statusLine(int code) {
        String text = statusText(code);
        return text.isEmpty() ? Integer.toString(code) : code + " " + text;
    }

    /** Returns Go's {@code http.StatusText} for {@code code}, or {@code ""} for an unknown code. */
    static String statusText(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Requested Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 418 -> "I'm a teapot";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Entity";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 506 -> "Variant Also Negotiates";
            case 507 -> "Insufficient Storage";
            case 508 -> "Loop Detected";
            case 510 -> "Not Extended";
            case 511 -> "Network Authentication Required";
            default -> "";
        };
    }
}
