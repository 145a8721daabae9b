/*
 * ctirpc: the narrow C interface poolcheck's NFSProbe uses to talk ONC RPC
 * (rpcbind, mountd, nfsd) through libtirpc. No libtirpc type or macro
 * appears here: plain structs, error codes, and free functions.
 *
 * Every call takes a whole-operation deadline (options.timeout_ms): sockets
 * are connected non-blockingly with poll() and every RPC gets only the time
 * that is left, so a black-holed server costs at most that deadline.
 * Server and source addresses are numeric IPv4 or IPv6 literals.
 */
#ifndef CTIRPC_H
#define CTIRPC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ctirpc_status {
    CTIRPC_OK = 0,
    CTIRPC_REFUSED = 1,                /* connection refused (RST / ICMP port unreachable) */
    CTIRPC_UNREACHABLE = 2,            /* no route, host or network unreachable */
    CTIRPC_TIMED_OUT = 3,              /* the deadline passed */
    CTIRPC_PROGRAM_NOT_REGISTERED = 4, /* rpcbind does not know the program, or the server says PROG_UNAVAIL */
    CTIRPC_VERSION_MISMATCH = 5,       /* program known, but not in a version we speak */
    CTIRPC_MALFORMED_REPLY = 6,        /* reply does not decode, or breaks a protocol limit */
    CTIRPC_REPLY_TOO_LARGE = 7,        /* reply exceeds our bounds on counts or bytes */
    CTIRPC_BAD_ADDRESS = 8,            /* server or source address unusable */
    CTIRPC_RPC_FAILED = 9,             /* any other RPC or system failure (see detail) */
} ctirpc_status;

typedef struct ctirpc_error {
    ctirpc_status status;
    int sys_errno;          /* errno behind the failure, 0 if none */
    uint32_t low_version;   /* for CTIRPC_VERSION_MISMATCH: versions the server offers */
    uint32_t high_version;
    char step[32];          /* which step failed: "connect rpcbind", "mountd EXPORT", ... */
    char detail[200];       /* one line, human readable */
} ctirpc_error;

enum { CTIRPC_PROTO_TCP = 6, CTIRPC_PROTO_UDP = 17 };

typedef struct ctirpc_options {
    int timeout_ms;             /* deadline for the whole call; <= 0 means 5000 */
    const char *source_address; /* NULL, or a local address to send from */
    uint32_t max_entries;       /* bound on list lengths; 0 means 4096 */
} ctirpc_options;

/* ---- rpcbind ---- */

typedef struct ctirpc_registration {
    uint32_t program;
    uint32_t version;
    uint32_t protocol;  /* CTIRPC_PROTO_TCP / CTIRPC_PROTO_UDP (IP protocol number) */
    uint32_t port;
} ctirpc_registration;

typedef struct ctirpc_registration_list {
    ctirpc_registration *items;
    size_t count;
} ctirpc_registration_list;

/* The registration list (portmap v2 DUMP, what `rpcinfo -p` shows). */
ctirpc_status ctirpc_rpcbind_dump(const char *server, const ctirpc_options *options,
                                  ctirpc_registration_list *out, ctirpc_error *error);
void ctirpc_registration_list_free(ctirpc_registration_list *list);

/* Port of (program, version, protocol): rpcbind v4 GETVERSADDR (the exact
 * version), then v3 GETADDR, then portmap v2 GETPORT. A UDP port is asked
 * over UDP (GETADDR answers only for the transport it arrives on).
 * *rpcbind_version tells which answered.
 * Not registered: CTIRPC_PROGRAM_NOT_REGISTERED. */
ctirpc_status ctirpc_rpcbind_getport(const char *server, uint32_t program, uint32_t version,
                                     int protocol, const ctirpc_options *options,
                                     uint16_t *port, uint32_t *rpcbind_version,
                                     ctirpc_error *error);

/* ---- mountd ---- */

typedef struct ctirpc_export {
    char *path;
    char **groups;
    size_t group_count;
} ctirpc_export;

typedef struct ctirpc_export_list {
    ctirpc_export *items;
    size_t count;
    uint32_t mount_version;  /* the version that answered (3 or 1) */
    int protocol;            /* CTIRPC_PROTO_TCP or CTIRPC_PROTO_UDP */
    uint16_t port;
    uint32_t rpcbind_version; /* rpcbind that gave the port: 4, 3, or 2 (portmap); 0 if not asked */
} ctirpc_export_list;

/* mountd EXPORT (showmount -e): port from rpcbind, version 3 then 1, TCP
 * then UDP (UDP ports are asked of rpcbind over UDP, as GETADDR answers
 * only for the transport it is asked on). */
ctirpc_status ctirpc_mount_export(const char *server, const ctirpc_options *options,
                                  ctirpc_export_list *out, ctirpc_error *error);

/* mountd EXPORT at a known port and version, without rpcbind. */
ctirpc_status ctirpc_mount_export_at(const char *server, uint16_t port, uint32_t version,
                                     int protocol, const ctirpc_options *options,
                                     ctirpc_export_list *out, ctirpc_error *error);

void ctirpc_export_list_free(ctirpc_export_list *list);

/* ---- both, as `poolcheck exports` shows them ---- */

/* rpcbind's registration list (DUMP) and mountd's export list, over one
 * rpcbind connection and one deadline: mountd's port is taken from the DUMP
 * (looked up for an IPv6 server), with EXPORT's fallbacks. Two connections
 * in all, as `showmount -e` makes. On failure both lists are empty. */
ctirpc_status ctirpc_server_listing(const char *server, const ctirpc_options *options,
                                    ctirpc_registration_list *registrations, ctirpc_export_list *exports,
                                    ctirpc_error *error);

/* ---- any program ---- */

/* The NULL procedure (0) of program/version. port 0: ask rpcbind first. */
ctirpc_status ctirpc_null_call(const char *server, uint32_t program, uint32_t version,
                               int protocol, uint16_t port, const ctirpc_options *options,
                               ctirpc_error *error);

/* A stable English name for a status ("refused", "timed out", ...). */
const char *ctirpc_status_name(ctirpc_status status);

#ifdef __cplusplus
}
#endif
#endif
