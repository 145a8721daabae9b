/*
 * libtirpc.a's RPCSEC_GSS code (auth_gss.o, which clnt_dg.o pulls in for its
 * is_authgss_client() check) refers to these GSS-API symbols. ctirpc never creates
 * an RPCSEC_GSS handle (its calls use AUTH_NONE), so none of them is ever called.
 * Defining them here lets libtirpc be linked statically without libgssapi_krb5 and
 * the six libraries it loads, which cost a fifth of a `poolcheck exports` run
 * (bench/README.md). Should one be called after all, the process says so and stops
 * rather than pretend a security context exists.
 */
#include <stdio.h>
#include <stdlib.h>

static void gss_not_linked(void) {
    fputs("poolcheck: internal error: RPCSEC_GSS (GSS-API) was called, but poolcheck links no GSS-API\n",
          stderr);
    abort();
}

#define NOT_LINKED(name) void name(void) __attribute__((alias("gss_not_linked")));
NOT_LINKED(gss_delete_sec_context)
NOT_LINKED(gss_display_status)
NOT_LINKED(gss_duplicate_name)
NOT_LINKED(gss_get_mic)
NOT_LINKED(gss_import_name)
NOT_LINKED(gss_init_sec_context)
NOT_LINKED(gss_release_buffer)
NOT_LINKED(gss_release_name)
NOT_LINKED(gss_unwrap)
NOT_LINKED(gss_verify_mic)
NOT_LINKED(gss_wrap)
NOT_LINKED(gss_wrap_size_limit)

/* A gss_OID constant auth_gss.o reads only while building a GSS context. */
void *GSS_C_NT_HOSTBASED_SERVICE = NULL;
