/* Shared by ctirpc's C files only; never seen by Swift. */
#ifndef CTIRPC_INTERNAL_H
#define CTIRPC_INTERNAL_H

#include "ctirpc.h"

#include <rpc/rpc.h>
#include <stdbool.h>
#include <sys/socket.h>

#define CTIRPC_DEFAULT_TIMEOUT_MS 5000
#define CTIRPC_DEFAULT_MAX_ENTRIES 4096
#define CTIRPC_RPCBIND_PORT 111
#define CTIRPC_MOUNT_PROGRAM 100005
#define CTIRPC_MOUNTPROC_EXPORT 5
#define CTIRPC_MNTPATHLEN 1024   /* RFC 1813: dirpath<MNTPATHLEN> */
#define CTIRPC_MNTNAMLEN 255     /* RFC 1813: name<MNTNAMLEN> */
#define CTIRPC_MAX_REPLY_BYTES (8u << 20)

/* Monotonic deadline in milliseconds. */
typedef struct ctirpc_deadline {
    long long end_ms;
} ctirpc_deadline;

ctirpc_deadline ctirpc_deadline_start(const ctirpc_options *options);
int ctirpc_deadline_remaining(ctirpc_deadline deadline); /* ms, >= 0 */
bool ctirpc_deadline_passed(ctirpc_deadline deadline);
uint32_t ctirpc_max_entries(const ctirpc_options *options);

/* A connected socket with its libtirpc client handle. */
typedef struct ctirpc_conn {
    int fd;
    CLIENT *client;
    struct sockaddr_storage peer;
    socklen_t peer_len;
    int protocol;
    const ctirpc_options *options; /* of the call that opened it (source address) */
    uint32_t rpcbind_version;      /* rpcbind connections: the version that last answered, 0 unknown */
} ctirpc_conn;

/* Connects (deadline-bound, optional source address) and creates the
 * client handle. On failure fills error and returns false. */
bool ctirpc_conn_open(const char *server, uint16_t port, int protocol, uint32_t program,
                      uint32_t version, const ctirpc_options *options, ctirpc_deadline deadline,
                      const char *step, ctirpc_conn *conn, ctirpc_error *error);
void ctirpc_conn_close(ctirpc_conn *conn);

/* One call within the deadline; maps failures into error. */
bool ctirpc_conn_call(ctirpc_conn *conn, uint32_t procedure, xdrproc_t encode, void *args,
                      xdrproc_t decode, void *result, ctirpc_deadline deadline,
                      const char *step, const char *server, ctirpc_error *error);

/* Is the server literal an IPv6 address? */
bool ctirpc_is_ipv6(const char *server);

void ctirpc_set_error(ctirpc_error *error, ctirpc_status status, int sys_errno,
                      const char *step, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

/* Set by bounded decoders when they refuse a reply, so the caller can tell
 * "too large" or "past the deadline" from plain garbage. */
typedef struct ctirpc_decode_limits {
    uint32_t max_entries;
    size_t bytes_left;
    ctirpc_deadline deadline;
    ctirpc_status failure; /* CTIRPC_OK while fine */
    char why[120];
} ctirpc_decode_limits;

void ctirpc_decode_limits_init(ctirpc_decode_limits *limits, const ctirpc_options *options,
                               ctirpc_deadline deadline);

/* Bounded string: length <= max_len (else malformed), no NUL bytes. */
bool ctirpc_decode_string(XDR *xdrs, ctirpc_decode_limits *limits, uint32_t max_len,
                          const char *what, char **out);

#endif
