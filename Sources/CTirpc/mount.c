/* mountd EXPORT (MOUNTPROC_EXPORT, versions 3 and 1), bounded decoding. */
#include "internal.h"
#include "rpcbind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct export_result {
    ctirpc_decode_limits limits;
    ctirpc_export_list list;
} export_result;

static bool too_many(ctirpc_decode_limits *limits, size_t count, const char *what) {
    if (count < limits->max_entries) return false;
    limits->failure = CTIRPC_REPLY_TOO_LARGE;
    snprintf(limits->why, sizeof limits->why, "more than %u %s", limits->max_entries, what);
    return true;
}

static bool decode_groups(XDR *xdrs, ctirpc_decode_limits *limits, ctirpc_export *entry) {
    size_t capacity = 0;
    bool_t more = FALSE;
    while (true) {
        if (!xdr_bool(xdrs, &more)) return false;
        if (!more) return true;
        if (too_many(limits, entry->group_count, "client groups in one export")) return false;
        char *name;
        if (!ctirpc_decode_string(xdrs, limits, CTIRPC_MNTNAMLEN, "client group name", &name)) return false;
        if (entry->group_count == capacity) {
            capacity = capacity ? capacity * 2 : 4;
            char **grown = realloc(entry->groups, capacity * sizeof *grown);
            if (!grown) { free(name); return false; }
            entry->groups = grown;
        }
        entry->groups[entry->group_count++] = name;
    }
}

/* exports: optional-data list of exportnode { dirpath; groups; }. */
static bool decode_exports(XDR *xdrs, void *out) {
    export_result *r = out;
    size_t capacity = 0;
    bool_t more = FALSE;
    while (true) {
        if (!xdr_bool(xdrs, &more)) return false;
        if (!more) return true;
        if (too_many(&r->limits, r->list.count, "exports")) return false;
        if (ctirpc_deadline_passed(r->limits.deadline)) {
            r->limits.failure = CTIRPC_TIMED_OUT;
            snprintf(r->limits.why, sizeof r->limits.why, "export list still arriving at the deadline");
            return false;
        }
        if (r->list.count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            ctirpc_export *grown = realloc(r->list.items, capacity * sizeof *grown);
            if (!grown) return false;
            r->list.items = grown;
        }
        ctirpc_export *entry = &r->list.items[r->list.count];
        memset(entry, 0, sizeof *entry);
        r->list.count++; /* counted now so a failure below frees it */
        if (!ctirpc_decode_string(xdrs, &r->limits, CTIRPC_MNTPATHLEN, "export path", &entry->path)) return false;
        if (!decode_groups(xdrs, &r->limits, entry)) return false;
    }
}

void ctirpc_export_list_free(ctirpc_export_list *list) {
    if (!list) return;
    for (size_t i = 0; i < list->count; i++) {
        for (size_t g = 0; g < list->items[i].group_count; g++) free(list->items[i].groups[g]);
        free(list->items[i].groups);
        free(list->items[i].path);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

static ctirpc_status export_call(const char *server, uint16_t port, uint32_t version, int protocol,
                                 const ctirpc_options *options, ctirpc_deadline deadline,
                                 ctirpc_export_list *out, ctirpc_error *error) {
    ctirpc_conn conn;
    if (!ctirpc_conn_open(server, port, protocol, CTIRPC_MOUNT_PROGRAM, version, options, deadline,
                          "connect mountd", &conn, error))
        return error->status;
    export_result result;
    memset(&result, 0, sizeof result);
    ctirpc_decode_limits_init(&result.limits, options, deadline);
    bool ok = ctirpc_conn_call(&conn, CTIRPC_MOUNTPROC_EXPORT, (xdrproc_t)xdr_void, NULL,
                               (xdrproc_t)decode_exports, &result, deadline, "mountd EXPORT", server, error);
    ctirpc_conn_close(&conn);
    if (!ok) {
        if (result.limits.failure != CTIRPC_OK)
            ctirpc_set_error(error, result.limits.failure, 0, "mountd EXPORT", "%s", result.limits.why);
        ctirpc_export_list_free(&result.list);
        return error->status;
    }
    result.list.mount_version = version;
    result.list.protocol = protocol;
    result.list.port = port;
    *out = result.list;
    return CTIRPC_OK;
}

ctirpc_status ctirpc_mount_export_at(const char *server, uint16_t port, uint32_t version, int protocol,
                                     const ctirpc_options *options, ctirpc_export_list *out,
                                     ctirpc_error *error) {
    memset(out, 0, sizeof *out);
    return export_call(server, port, version, protocol, options, ctirpc_deadline_start(options), out, error);
}

/* Where mountd's ports come from: lookups on an open rpcbind connection, or a
 * DUMP already read on it (IPv4 only: portmap v2 entries carry no address
 * family, so for IPv6 the tcp6/udp6 registrations are looked up). */
typedef struct mountd_ports {
    ctirpc_conn *rpcb;
    const ctirpc_registration_list *dump;
} mountd_ports;

static ctirpc_status mountd_port(const mountd_ports *ports, const char *server, uint32_t version, int protocol,
                                 ctirpc_deadline deadline, uint16_t *port, uint32_t *rpcbind_version,
                                 ctirpc_error *error) {
    if (!ports->dump)
        return ctirpc_rpcbind_lookup(ports->rpcb, server, CTIRPC_MOUNT_PROGRAM, version, protocol, deadline,
                                     port, rpcbind_version, error);
    *rpcbind_version = 2; /* DUMP is portmap v2 */
    for (size_t i = 0; i < ports->dump->count; i++) {
        const ctirpc_registration *r = &ports->dump->items[i];
        if (r->program == CTIRPC_MOUNT_PROGRAM && r->version == version && r->protocol == (uint32_t)protocol &&
            r->port > 0 && r->port <= 65535) {
            *port = (uint16_t)r->port;
            return CTIRPC_OK;
        }
    }
    return CTIRPC_PROGRAM_NOT_REGISTERED;
}

/* Any version of mountd registered at all? Tells "not registered" from
 * "registered, but only in versions we do not speak". */
static void explain_missing_mountd(const mountd_ports *ports, const char *server, ctirpc_deadline deadline,
                                   ctirpc_error *error) {
    ctirpc_registration_list fetched = {0};
    const ctirpc_registration_list *list = ports->dump;
    if (!list) {
        ctirpc_error ignored;
        memset(&ignored, 0, sizeof ignored);
        if (ctirpc_rpcbind_dump_on(ports->rpcb, server, deadline, NULL, &fetched, &ignored) == CTIRPC_OK)
            list = &fetched;
    }
    uint32_t low = 0, high = 0;
    for (size_t i = 0; list && i < list->count; i++) {
        if (list->items[i].program != CTIRPC_MOUNT_PROGRAM) continue;
        uint32_t v = list->items[i].version;
        if (low == 0 || v < low) low = v;
        if (v > high) high = v;
    }
    ctirpc_registration_list_free(&fetched);
    if (high > 0) {
        ctirpc_set_error(error, CTIRPC_VERSION_MISMATCH, 0, "rpcbind GETADDR",
                         "mountd is registered only in versions %u to %u, not 3 or 1", low, high);
        error->low_version = low;
        error->high_version = high;
    } else {
        ctirpc_set_error(error, CTIRPC_PROGRAM_NOT_REGISTERED, 0, "rpcbind GETADDR",
                         "rpcbind answers but mountd (100005) is not registered");
    }
}

/* EXPORT from the first registration that answers: v3 then v1, TCP then UDP. */
static ctirpc_status export_with_fallbacks(const char *server, const ctirpc_options *options,
                                           ctirpc_deadline deadline, const mountd_ports *ports,
                                           ctirpc_export_list *out, ctirpc_error *error) {
    static const struct { uint32_t version; int protocol; } order[] = {
        {3, CTIRPC_PROTO_TCP}, {1, CTIRPC_PROTO_TCP}, {3, CTIRPC_PROTO_UDP}, {1, CTIRPC_PROTO_UDP}};
    bool any_registered = false;
    ctirpc_error last;
    memset(&last, 0, sizeof last);
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        uint16_t port = 0;
        uint32_t rpcbind_version = 0;
        ctirpc_status st = mountd_port(ports, server, order[i].version, order[i].protocol, deadline, &port,
                                       &rpcbind_version, error);
        if (st == CTIRPC_PROGRAM_NOT_REGISTERED) continue;
        if (st != CTIRPC_OK) return st;
        any_registered = true;
        st = export_call(server, port, order[i].version, order[i].protocol, options, deadline, out, error);
        if (st == CTIRPC_OK) {
            out->rpcbind_version = rpcbind_version;
            return st;
        }
        last = *error;
        /* A stale registration or a refused transport: try the next one.
         * A timeout has used the deadline; bad data will not get better. */
        if (st != CTIRPC_REFUSED && st != CTIRPC_PROGRAM_NOT_REGISTERED && st != CTIRPC_VERSION_MISMATCH) break;
    }
    if (!any_registered) explain_missing_mountd(ports, server, deadline, error);
    else *error = last;
    return error->status;
}

ctirpc_status ctirpc_mount_export(const char *server, const ctirpc_options *options,
                                  ctirpc_export_list *out, ctirpc_error *error) {
    memset(out, 0, sizeof *out);
    ctirpc_deadline deadline = ctirpc_deadline_start(options);
    ctirpc_conn rpcb;
    if (!ctirpc_rpcbind_open(server, options, deadline, &rpcb, error)) return error->status;
    mountd_ports ports = {&rpcb, NULL};
    ctirpc_status st = export_with_fallbacks(server, options, deadline, &ports, out, error);
    ctirpc_conn_close(&rpcb);
    return st;
}

ctirpc_status ctirpc_server_listing(const char *server, const ctirpc_options *options,
                                    ctirpc_registration_list *registrations, ctirpc_export_list *exports,
                                    ctirpc_error *error) {
    memset(registrations, 0, sizeof *registrations);
    memset(exports, 0, sizeof *exports);
    ctirpc_deadline deadline = ctirpc_deadline_start(options);
    ctirpc_conn rpcb;
    if (!ctirpc_rpcbind_open(server, options, deadline, &rpcb, error)) return error->status;
    ctirpc_status st = ctirpc_rpcbind_dump_on(&rpcb, server, deadline, options, registrations, error);
    if (st == CTIRPC_OK) {
        mountd_ports ports = {&rpcb, ctirpc_is_ipv6(server) ? NULL : registrations};
        st = export_with_fallbacks(server, options, deadline, &ports, exports, error);
    }
    ctirpc_conn_close(&rpcb);
    if (st != CTIRPC_OK) ctirpc_registration_list_free(registrations);
    return st;
}
