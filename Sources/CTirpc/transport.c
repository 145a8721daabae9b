/* Sockets with deadlines, client handles, and error mapping. */
#include "internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

ctirpc_deadline ctirpc_deadline_start(const ctirpc_options *options) {
    int timeout = (options && options->timeout_ms > 0) ? options->timeout_ms : CTIRPC_DEFAULT_TIMEOUT_MS;
    ctirpc_deadline d = {now_ms() + timeout};
    return d;
}

int ctirpc_deadline_remaining(ctirpc_deadline deadline) {
    long long left = deadline.end_ms - now_ms();
    return left > 0 ? (int)left : 0;
}

bool ctirpc_deadline_passed(ctirpc_deadline deadline) { return ctirpc_deadline_remaining(deadline) == 0; }

uint32_t ctirpc_max_entries(const ctirpc_options *options) {
    return (options && options->max_entries > 0) ? options->max_entries : CTIRPC_DEFAULT_MAX_ENTRIES;
}

void ctirpc_set_error(ctirpc_error *error, ctirpc_status status, int sys_errno, const char *step,
                      const char *format, ...) {
    if (!error) return;
    error->status = status;
    error->sys_errno = sys_errno;
    snprintf(error->step, sizeof error->step, "%s", step ? step : "");
    va_list ap;
    va_start(ap, format);
    vsnprintf(error->detail, sizeof error->detail, format, ap);
    va_end(ap);
}

bool ctirpc_is_ipv6(const char *server) { return server && strchr(server, ':') != NULL; }

static bool parse_numeric(const char *text, uint16_t port, struct sockaddr_storage *out, socklen_t *len) {
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_family = AF_UNSPEC;
    if (!text || getaddrinfo(text, NULL, &hints, &res) != 0 || !res) return false;
    memcpy(out, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    if (out->ss_family == AF_INET) ((struct sockaddr_in *)out)->sin_port = htons(port);
    else if (out->ss_family == AF_INET6) ((struct sockaddr_in6 *)out)->sin6_port = htons(port);
    else return false;
    return true;
}

static ctirpc_status status_for_errno(int err) {
    switch (err) {
    case ECONNREFUSED: return CTIRPC_REFUSED;
    case ENETUNREACH: case EHOSTUNREACH: case EHOSTDOWN: case ENETDOWN: return CTIRPC_UNREACHABLE;
    case ETIMEDOUT: case EAGAIN: return CTIRPC_TIMED_OUT;
    default: return CTIRPC_RPC_FAILED;
    }
}

/* Keeps libtirpc's blocking reads and writes inside the deadline too. */
static void set_socket_timeouts(int fd, int ms) {
    if (ms < 1) ms = 1;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static int connect_with_deadline(const char *server, uint16_t port, int protocol,
                                 const ctirpc_options *options, ctirpc_deadline deadline,
                                 const char *step, ctirpc_conn *conn, ctirpc_error *error) {
    if (!parse_numeric(server, port, &conn->peer, &conn->peer_len)) {
        ctirpc_set_error(error, CTIRPC_BAD_ADDRESS, 0, step, "'%s' is not a numeric IPv4 or IPv6 address",
                         server ? server : "(null)");
        return -1;
    }
    int type = protocol == CTIRPC_PROTO_UDP ? SOCK_DGRAM : SOCK_STREAM;
    int fd = socket(conn->peer.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        ctirpc_set_error(error, CTIRPC_RPC_FAILED, errno, step, "socket: %s", strerror(errno));
        return -1;
    }
    const char *source = options ? options->source_address : NULL;
    if (source && *source) {
        struct sockaddr_storage local;
        socklen_t local_len;
        if (!parse_numeric(source, 0, &local, &local_len) || local.ss_family != conn->peer.ss_family) {
            ctirpc_set_error(error, CTIRPC_BAD_ADDRESS, 0, step,
                             "source address '%s' is not a numeric address of the server's family", source);
            close(fd);
            return -1;
        }
        if (bind(fd, (struct sockaddr *)&local, local_len) != 0) {
            int err = errno;
            ctirpc_set_error(error, CTIRPC_BAD_ADDRESS, err, step, "cannot send from %s: %s", source,
                             strerror(err));
            close(fd);
            return -1;
        }
    }
    if (connect(fd, (struct sockaddr *)&conn->peer, conn->peer_len) != 0) {
        int err = errno;
        if (err != EINPROGRESS) {
            ctirpc_set_error(error, status_for_errno(err), err, step, "port %u: %s",
                             port, strerror(err));
            close(fd);
            return -1;
        }
        struct pollfd pfd = {fd, POLLOUT, 0};
        int ready;
        do {
            ready = poll(&pfd, 1, ctirpc_deadline_remaining(deadline));
        } while (ready < 0 && errno == EINTR);
        if (ready == 0) {
            ctirpc_set_error(error, CTIRPC_TIMED_OUT, 0, step, "no answer on port %u (connect timed out)", port);
            close(fd);
            return -1;
        }
        socklen_t len = sizeof err;
        if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        if (err != 0) {
            ctirpc_set_error(error, status_for_errno(err), err, step, "port %u: %s",
                             port, strerror(err));
            close(fd);
            return -1;
        }
    }
    /* libtirpc expects a blocking socket; socket timeouts bound it instead. */
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    set_socket_timeouts(fd, ctirpc_deadline_remaining(deadline));
    return fd;
}

bool ctirpc_conn_open(const char *server, uint16_t port, int protocol, uint32_t program,
                      uint32_t version, const ctirpc_options *options, ctirpc_deadline deadline,
                      const char *step, ctirpc_conn *conn, ctirpc_error *error) {
    memset(conn, 0, sizeof *conn);
    conn->fd = -1;
    conn->protocol = protocol;
    conn->options = options;
    int fd = connect_with_deadline(server, port, protocol, options, deadline, step, conn, error);
    if (fd < 0) return false;
    conn->fd = fd;
    struct netbuf address = {conn->peer_len, conn->peer_len, &conn->peer};
    if (protocol == CTIRPC_PROTO_UDP)
        conn->client = clnt_dg_create(fd, &address, program, version, 0, 65536);
    else
        conn->client = clnt_vc_create(fd, &address, program, version, 0, 0);
    if (!conn->client) {
        ctirpc_set_error(error, CTIRPC_RPC_FAILED, 0, step, "cannot create RPC client: %s",
                         clnt_spcreateerror("libtirpc"));
        close(fd);
        conn->fd = -1;
        return false;
    }
    if (protocol == CTIRPC_PROTO_UDP) {
        struct timeval retry = {0, 500000};
        clnt_control(conn->client, CLSET_RETRY_TIMEOUT, (char *)&retry);
    }
    return true;
}

void ctirpc_conn_close(ctirpc_conn *conn) {
    if (conn->client) clnt_destroy(conn->client);
    if (conn->fd >= 0) close(conn->fd);
    conn->client = NULL;
    conn->fd = -1;
}

bool ctirpc_conn_call(ctirpc_conn *conn, uint32_t procedure, xdrproc_t encode, void *args,
                      xdrproc_t decode, void *result, ctirpc_deadline deadline,
                      const char *step, const char *server, ctirpc_error *error) {
    int left = ctirpc_deadline_remaining(deadline);
    if (left == 0) {
        ctirpc_set_error(error, CTIRPC_TIMED_OUT, 0, step, "no answer before the deadline");
        return false;
    }
    set_socket_timeouts(conn->fd, left);
    struct timeval tout = {left / 1000, (left % 1000) * 1000};
    enum clnt_stat stat = clnt_call(conn->client, procedure, encode, args, decode, result, tout);
    if (stat == RPC_SUCCESS) return true;

    struct rpc_err rerr;
    memset(&rerr, 0, sizeof rerr);
    clnt_geterr(conn->client, &rerr);
    const char *proto = conn->protocol == CTIRPC_PROTO_UDP ? "udp" : "tcp";
    switch (stat) {
    case RPC_TIMEDOUT:
        ctirpc_set_error(error, CTIRPC_TIMED_OUT, 0, step, "no answer within the deadline (%s)", proto);
        break;
    case RPC_CANTSEND:
    case RPC_CANTRECV: {
        int err = rerr.re_errno;
        ctirpc_status st = status_for_errno(err);
        if (err == EAGAIN || err == EWOULDBLOCK) st = CTIRPC_TIMED_OUT;
        if (err == 0 || err == ECONNRESET || err == EPIPE) {
            ctirpc_set_error(error, CTIRPC_MALFORMED_REPLY, err, step,
                             "closed the %s connection without a complete reply", proto);
        } else {
            ctirpc_set_error(error, st, err, step, "%s: %s", proto, strerror(err));
        }
        break;
    }
    case RPC_CANTDECODERES:
        ctirpc_set_error(error, CTIRPC_MALFORMED_REPLY, 0, step, "the reply does not decode");
        break;
    case RPC_PROGUNAVAIL:
        ctirpc_set_error(error, CTIRPC_PROGRAM_NOT_REGISTERED, 0, step, "program unavailable");
        break;
    case RPC_PROGVERSMISMATCH:
        ctirpc_set_error(error, CTIRPC_VERSION_MISMATCH, 0, step, "server offers versions %u to %u only",
                         (unsigned)rerr.re_vers.low, (unsigned)rerr.re_vers.high);
        if (error) {
            error->low_version = (uint32_t)rerr.re_vers.low;
            error->high_version = (uint32_t)rerr.re_vers.high;
        }
        break;
    default:
        ctirpc_set_error(error, CTIRPC_RPC_FAILED, rerr.re_errno, step, "%s", clnt_sperrno(stat));
        break;
    }
    return false;
}

void ctirpc_decode_limits_init(ctirpc_decode_limits *limits, const ctirpc_options *options,
                               ctirpc_deadline deadline) {
    memset(limits, 0, sizeof *limits);
    limits->max_entries = ctirpc_max_entries(options);
    limits->bytes_left = CTIRPC_MAX_REPLY_BYTES;
    limits->deadline = deadline;
}

bool ctirpc_decode_string(XDR *xdrs, ctirpc_decode_limits *limits, uint32_t max_len, const char *what,
                          char **out) {
    uint32_t len = 0;
    *out = NULL;
    if (!xdr_u_int32_t(xdrs, &len)) return false;
    if (len > max_len) {
        limits->failure = CTIRPC_MALFORMED_REPLY;
        snprintf(limits->why, sizeof limits->why, "%s of %u bytes exceeds the protocol limit of %u", what,
                 len, max_len);
        return false;
    }
    if (len > limits->bytes_left) {
        limits->failure = CTIRPC_REPLY_TOO_LARGE;
        snprintf(limits->why, sizeof limits->why, "reply exceeds %u bytes", CTIRPC_MAX_REPLY_BYTES);
        return false;
    }
    limits->bytes_left -= len;
    char *text = malloc((size_t)len + 1);
    if (!text) return false;
    if (len > 0 && !xdr_opaque(xdrs, text, len)) {
        free(text);
        return false;
    }
    text[len] = '\0';
    if (memchr(text, '\0', len) != NULL) {
        limits->failure = CTIRPC_MALFORMED_REPLY;
        snprintf(limits->why, sizeof limits->why, "%s contains a NUL byte", what);
        free(text);
        return false;
    }
    *out = text;
    return true;
}

const char *ctirpc_status_name(ctirpc_status status) {
    switch (status) {
    case CTIRPC_OK: return "ok";
    case CTIRPC_REFUSED: return "refused";
    case CTIRPC_UNREACHABLE: return "unreachable";
    case CTIRPC_TIMED_OUT: return "timed out";
    case CTIRPC_PROGRAM_NOT_REGISTERED: return "program not registered";
    case CTIRPC_VERSION_MISMATCH: return "version mismatch";
    case CTIRPC_MALFORMED_REPLY: return "malformed reply";
    case CTIRPC_REPLY_TOO_LARGE: return "reply too large";
    case CTIRPC_BAD_ADDRESS: return "bad address";
    case CTIRPC_RPC_FAILED: return "rpc failed";
    }
    return "unknown";
}
