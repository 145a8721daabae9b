/* rpcbind: GETVERSADDR (v4), GETADDR (v3), portmap GETPORT (v2) and DUMP (v2). */
#include "internal.h"
#include "rpcbind.h"

#include <rpc/pmap_prot.h>
#include <rpc/rpcb_prot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses the port out of a universal address "h.h.h.h.p1.p2" or "x::y.p1.p2". */
static bool port_from_uaddr(const char *uaddr, uint16_t *port) {
    const char *last = strrchr(uaddr, '.');
    if (!last || last == uaddr) return false;
    const char *prev = last - 1;
    while (prev > uaddr && *prev != '.') prev--;
    if (*prev != '.') return false;
    char *end;
    unsigned long hi = strtoul(prev + 1, &end, 10);
    if (end != last || hi > 255) return false;
    unsigned long lo = strtoul(last + 1, &end, 10);
    if (*end != '\0' || lo > 255) return false;
    *port = (uint16_t)(hi * 256 + lo);
    return true;
}

/* A universal address string, bounded. */
static bool decode_uaddr(XDR *xdrs, void *out) {
    ctirpc_uaddr_result *r = out;
    return ctirpc_decode_string(xdrs, &r->limits, 256, "universal address", &r->uaddr);
}

static bool decode_port(XDR *xdrs, void *out) { return xdr_u_int32_t(xdrs, out); }

bool ctirpc_rpcbind_open(const char *server, const ctirpc_options *options, ctirpc_deadline deadline,
                         ctirpc_conn *conn, ctirpc_error *error) {
    return ctirpc_conn_open(server, CTIRPC_RPCBIND_PORT, CTIRPC_PROTO_TCP, RPCBPROG, RPCBVERS4, options,
                            deadline, "connect rpcbind", conn, error);
}

/* rpcbind over UDP, for a UDP service: GETADDR answers for the transport
 * the request came on (RFC 1833), so TCP cannot ask it about UDP. */
static ctirpc_status lookup_over_udp(ctirpc_conn *tcp, const char *server, uint32_t program,
                                     uint32_t version, ctirpc_deadline deadline, uint16_t *port,
                                     uint32_t *rpcbind_version, ctirpc_error *error) {
    ctirpc_conn udp;
    if (!ctirpc_conn_open(server, CTIRPC_RPCBIND_PORT, CTIRPC_PROTO_UDP, RPCBPROG, RPCBVERS4, tcp->options,
                          deadline, "connect rpcbind (udp)", &udp, error))
        return error->status;
    udp.rpcbind_version = tcp->rpcbind_version;
    ctirpc_status st = ctirpc_rpcbind_lookup(&udp, server, program, version, CTIRPC_PROTO_UDP, deadline, port,
                                             rpcbind_version, error);
    ctirpc_conn_close(&udp);
    return st;
}

ctirpc_status ctirpc_rpcbind_lookup(ctirpc_conn *conn, const char *server, uint32_t program,
                                    uint32_t version, int protocol, ctirpc_deadline deadline,
                                    uint16_t *port, uint32_t *rpcbind_version, ctirpc_error *error) {
    /* Portmap v2 GETPORT names the protocol, so only v3/v4 need UDP. */
    if (protocol == CTIRPC_PROTO_UDP && conn->protocol != CTIRPC_PROTO_UDP && conn->rpcbind_version != PMAPVERS)
        return lookup_over_udp(conn, server, program, version, deadline, port, rpcbind_version, error);
    bool v6 = ctirpc_is_ipv6(server);
    char netid[8];
    snprintf(netid, sizeof netid, "%s%s", protocol == CTIRPC_PROTO_UDP ? "udp" : "tcp", v6 ? "6" : "");
    char empty[] = "";
    /* Start where this connection's rpcbind last answered: an old
     * portmapper is stepped down to only once. */
    uint32_t first = conn->rpcbind_version >= PMAPVERS ? conn->rpcbind_version : RPCBVERS4;
    for (uint32_t vers = first; vers >= PMAPVERS; vers--) {
        clnt_control(conn->client, CLSET_VERS, (char *)&vers);
        if (vers == PMAPVERS) {
            struct pmap query = {program, version, (rpcprot_t)protocol, 0};
            uint32_t found = 0;
            if (!ctirpc_conn_call(conn, PMAPPROC_GETPORT, (xdrproc_t)xdr_pmap, &query, (xdrproc_t)decode_port,
                                  &found, deadline, "rpcbind GETPORT", server, error))
                return error->status;
            conn->rpcbind_version = vers;
            if (rpcbind_version) *rpcbind_version = vers;
            if (found == 0 || found > 65535) break;
            *port = (uint16_t)found;
            return CTIRPC_OK;
        }
        RPCB query = {program, version, netid, empty, empty};
        ctirpc_uaddr_result result;
        memset(&result, 0, sizeof result);
        ctirpc_decode_limits_init(&result.limits, NULL, deadline);
        /* v4 GETVERSADDR answers only for the exact version; GETADDR may
         * answer with the port of another version of the program. */
        uint32_t procedure = vers == RPCBVERS4 ? RPCBPROC_GETVERSADDR : RPCBPROC_GETADDR;
        if (!ctirpc_conn_call(conn, procedure, (xdrproc_t)xdr_rpcb, &query, (xdrproc_t)decode_uaddr,
                              &result, deadline, "rpcbind GETADDR", server, error)) {
            free(result.uaddr);
            if (error->status == CTIRPC_VERSION_MISMATCH) {
                /* An older rpcbind: step down, straight to the highest it speaks. */
                if (error->high_version >= PMAPVERS && error->high_version < vers) vers = error->high_version + 1;
                continue;
            }
            if (result.limits.failure != CTIRPC_OK)
                ctirpc_set_error(error, result.limits.failure, 0, "rpcbind GETADDR", "%s",
                                 result.limits.why);
            return error->status;
        }
        conn->rpcbind_version = vers;
        if (rpcbind_version) *rpcbind_version = vers;
        bool ok = result.uaddr[0] != '\0' && port_from_uaddr(result.uaddr, port);
        bool empty_reply = result.uaddr[0] == '\0';
        char copy[64];
        snprintf(copy, sizeof copy, "%s", result.uaddr);
        free(result.uaddr);
        if (ok) return CTIRPC_OK;
        if (!empty_reply) {
            ctirpc_set_error(error, CTIRPC_MALFORMED_REPLY, 0, "rpcbind GETADDR",
                             "rpcbind answered an unreadable address '%s'", copy);
            return error->status;
        }
        break;
    }
    ctirpc_set_error(error, CTIRPC_PROGRAM_NOT_REGISTERED, 0, "rpcbind GETADDR",
                     "program %u version %u is not registered on %s", program, version, netid);
    return error->status;
}

/* pmaplist: a bounded optional-data list of (prog, vers, prot, port). */
static bool decode_pmaplist(XDR *xdrs, void *out) {
    ctirpc_dump_result *r = out;
    bool_t more = FALSE;
    size_t capacity = 0;
    while (true) {
        if (!xdr_bool(xdrs, &more)) return false;
        if (!more) return true;
        if (r->list.count >= r->limits.max_entries) {
            r->limits.failure = CTIRPC_REPLY_TOO_LARGE;
            snprintf(r->limits.why, sizeof r->limits.why, "more than %u registrations", r->limits.max_entries);
            return false;
        }
        if (ctirpc_deadline_passed(r->limits.deadline)) {
            r->limits.failure = CTIRPC_TIMED_OUT;
            snprintf(r->limits.why, sizeof r->limits.why, "registration list still arriving at the deadline");
            return false;
        }
        ctirpc_registration e;
        if (!xdr_u_int32_t(xdrs, &e.program) || !xdr_u_int32_t(xdrs, &e.version) ||
            !xdr_u_int32_t(xdrs, &e.protocol) || !xdr_u_int32_t(xdrs, &e.port))
            return false;
        if (r->list.count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            ctirpc_registration *grown = realloc(r->list.items, capacity * sizeof *grown);
            if (!grown) return false;
            r->list.items = grown;
        }
        r->list.items[r->list.count++] = e;
    }
}

ctirpc_status ctirpc_rpcbind_dump_on(ctirpc_conn *conn, const char *server, ctirpc_deadline deadline,
                                     const ctirpc_options *options, ctirpc_registration_list *out,
                                     ctirpc_error *error) {
    uint32_t vers = PMAPVERS;
    clnt_control(conn->client, CLSET_VERS, (char *)&vers);
    ctirpc_dump_result result;
    memset(&result, 0, sizeof result);
    ctirpc_decode_limits_init(&result.limits, options, deadline);
    if (!ctirpc_conn_call(conn, PMAPPROC_DUMP, (xdrproc_t)xdr_void, NULL, (xdrproc_t)decode_pmaplist, &result,
                          deadline, "rpcbind DUMP", server, error)) {
        if (result.limits.failure != CTIRPC_OK)
            ctirpc_set_error(error, result.limits.failure, 0, "rpcbind DUMP", "%s", result.limits.why);
        ctirpc_registration_list_free(&result.list);
        return error->status;
    }
    *out = result.list;
    return CTIRPC_OK;
}

ctirpc_status ctirpc_rpcbind_dump(const char *server, const ctirpc_options *options,
                                  ctirpc_registration_list *out, ctirpc_error *error) {
    memset(out, 0, sizeof *out);
    ctirpc_deadline deadline = ctirpc_deadline_start(options);
    ctirpc_conn conn;
    if (!ctirpc_rpcbind_open(server, options, deadline, &conn, error)) return error->status;
    ctirpc_status st = ctirpc_rpcbind_dump_on(&conn, server, deadline, options, out, error);
    ctirpc_conn_close(&conn);
    return st;
}

void ctirpc_registration_list_free(ctirpc_registration_list *list) {
    if (!list) return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

ctirpc_status ctirpc_rpcbind_getport(const char *server, uint32_t program, uint32_t version,
                                     int protocol, const ctirpc_options *options,
                                     uint16_t *port, uint32_t *rpcbind_version,
                                     ctirpc_error *error) {
    ctirpc_deadline deadline = ctirpc_deadline_start(options);
    ctirpc_conn conn;
    if (!ctirpc_rpcbind_open(server, options, deadline, &conn, error)) return error->status;
    ctirpc_status st = ctirpc_rpcbind_lookup(&conn, server, program, version, protocol, deadline, port,
                                             rpcbind_version, error);
    ctirpc_conn_close(&conn);
    return st;
}
