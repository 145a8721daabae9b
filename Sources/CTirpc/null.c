/* The NULL procedure: proves a program answers, not just that it registered. */
#include "internal.h"
#include "rpcbind.h"

ctirpc_status ctirpc_null_call(const char *server, uint32_t program, uint32_t version, int protocol,
                               uint16_t port, const ctirpc_options *options, ctirpc_error *error) {
    ctirpc_deadline deadline = ctirpc_deadline_start(options);
    if (port == 0) {
        ctirpc_conn rpcb;
        if (!ctirpc_rpcbind_open(server, options, deadline, &rpcb, error)) return error->status;
        ctirpc_status st = ctirpc_rpcbind_lookup(&rpcb, server, program, version, protocol, deadline, &port,
                                                 NULL, error);
        ctirpc_conn_close(&rpcb);
        if (st != CTIRPC_OK) return st;
    }
    ctirpc_conn conn;
    if (!ctirpc_conn_open(server, port, protocol, program, version, options, deadline, "connect", &conn, error))
        return error->status;
    bool ok = ctirpc_conn_call(&conn, 0, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_void, NULL, deadline,
                               "NULL call", server, error);
    ctirpc_conn_close(&conn);
    return ok ? CTIRPC_OK : error->status;
}
