/* rpcbind steps shared by the mountd and NULL-call code (internal). */
#ifndef CTIRPC_RPCBIND_H
#define CTIRPC_RPCBIND_H
#include "internal.h"

typedef struct ctirpc_uaddr_result {
    ctirpc_decode_limits limits;
    char *uaddr;
} ctirpc_uaddr_result;

typedef struct ctirpc_dump_result {
    ctirpc_decode_limits limits;
    ctirpc_registration_list list;
} ctirpc_dump_result;

/* TCP connection to rpcbind (port 111). */
bool ctirpc_rpcbind_open(const char *server, const ctirpc_options *options, ctirpc_deadline deadline,
                         ctirpc_conn *conn, ctirpc_error *error);

/* GETADDR v4 -> v3 -> GETPORT v2 on an open rpcbind connection. */
ctirpc_status ctirpc_rpcbind_lookup(ctirpc_conn *conn, const char *server, uint32_t program,
                                    uint32_t version, int protocol, ctirpc_deadline deadline,
                                    uint16_t *port, uint32_t *rpcbind_version, ctirpc_error *error);

/* DUMP v2 on an open rpcbind connection. */
ctirpc_status ctirpc_rpcbind_dump_on(ctirpc_conn *conn, const char *server, ctirpc_deadline deadline,
                                     const ctirpc_options *options, ctirpc_registration_list *out,
                                     ctirpc_error *error);
#endif
