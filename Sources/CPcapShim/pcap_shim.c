// Thin wrapper over libpcap; see include/pcap_shim.h for the contract.
#include "pcap_shim.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcap/pcap.h>

struct pcs_handle {
    pcap_t *pcap;
    int nanosecond_timestamps;
    /* Files: the filter runs here (pcap_offline_filter, as libpcap itself runs it
       on savefiles), so that every packet of the file is counted, matching or not. */
    int offline;
    int has_program;
    struct bpf_program program;
    uint64_t packets_seen;
    char error[PCS_ERRBUF_SIZE];
};

static void copy_message(char *destination, const char *message) {
    snprintf(destination, PCS_ERRBUF_SIZE, "%s", message ? message : "unknown libpcap error");
}

static pcs_handle *wrap(pcap_t *pcap) {
    pcs_handle *handle = calloc(1, sizeof(*handle));
    if (handle == NULL) {
        pcap_close(pcap);
        return NULL;
    }
    handle->pcap = pcap;
    handle->nanosecond_timestamps =
        pcap_get_tstamp_precision(pcap) == PCAP_TSTAMP_PRECISION_NANO;
    return handle;
}

pcs_handle *pcs_open_file(const char *path, char *errbuf) {
    char pcap_errbuf[PCAP_ERRBUF_SIZE] = {0};
    pcap_t *pcap = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, pcap_errbuf);
    if (pcap == NULL) {
        copy_message(errbuf, pcap_errbuf);
        return NULL;
    }
    pcs_handle *handle = wrap(pcap);
    if (handle == NULL) {
        copy_message(errbuf, "out of memory");
        return NULL;
    }
    handle->offline = 1;
    return handle;
}

static int failure_kind(int status) {
    switch (status) {
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
        return PCS_OPEN_PERMISSION_DENIED;
    case PCAP_ERROR_NO_SUCH_DEVICE:
        return PCS_OPEN_NO_SUCH_DEVICE;
    case PCAP_ERROR_IFACE_NOT_UP:
        return PCS_OPEN_INTERFACE_DOWN;
    default:
        return PCS_OPEN_OTHER;
    }
}

pcs_handle *pcs_open_live(const char *device, int snap_length, int buffer_bytes,
                          int *failure, char *errbuf) {
    char pcap_errbuf[PCAP_ERRBUF_SIZE] = {0};
    *failure = PCS_OPEN_OTHER;
    pcap_t *pcap = pcap_create(device, pcap_errbuf);
    if (pcap == NULL) {
        copy_message(errbuf, pcap_errbuf);
        return NULL;
    }
    pcap_set_snaplen(pcap, snap_length);
    pcap_set_promisc(pcap, 0);
    // Immediate mode: packets are handed over as they arrive, so poll() wakes
    // up for them instead of waiting for a TPACKET_V3 block to fill.
    pcap_set_immediate_mode(pcap, 1);
    pcap_set_timeout(pcap, 10);
    pcap_set_buffer_size(pcap, buffer_bytes);
    (void)pcap_set_tstamp_precision(pcap, PCAP_TSTAMP_PRECISION_NANO);

    int status = pcap_activate(pcap);
    if (status < 0) {
        *failure = failure_kind(status);
        const char *text = pcap_geterr(pcap);
        if (text == NULL || text[0] == '\0') text = pcap_statustostr(status);
        copy_message(errbuf, text);
        pcap_close(pcap);
        return NULL;
    }
    // Non-blocking reads: on Linux a blocking read never returns on an idle
    // interface, whatever the timeout, so the caller polls with its own deadline.
    if (pcap_setnonblock(pcap, 1, pcap_errbuf) != 0) {
        copy_message(errbuf, pcap_errbuf);
        pcap_close(pcap);
        return NULL;
    }
    pcs_handle *handle = wrap(pcap);
    if (handle == NULL) {
        copy_message(errbuf, "out of memory");
        return NULL;
    }
    *failure = PCS_OPEN_OK;
    return handle;
}

int pcs_link_type(pcs_handle *handle) {
    return pcap_datalink(handle->pcap);
}

const char *pcs_link_type_name(int link_type) {
    return pcap_datalink_val_to_name(link_type);
}

int pcs_set_filter(pcs_handle *handle, const char *expression, char *errbuf) {
    struct bpf_program program;
    if (pcap_compile(handle->pcap, &program, expression, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        copy_message(errbuf, pcap_geterr(handle->pcap));
        return -1;
    }
    if (handle->offline) {
        if (handle->has_program) pcap_freecode(&handle->program);
        handle->program = program;
        handle->has_program = 1;
        return 0;
    }
    int status = pcap_setfilter(handle->pcap, &program);
    pcap_freecode(&program);
    if (status != 0) {
        copy_message(errbuf, pcap_geterr(handle->pcap));
        return -1;
    }
    return 0;
}

int pcs_next(pcs_handle *handle, pcs_packet *packet) {
    struct pcap_pkthdr *header = NULL;
    const u_char *data = NULL;
    int status;
    do {
        status = pcap_next_ex(handle->pcap, &header, &data);
        if (status == 1 && handle->offline) handle->packets_seen++;
    } while (status == 1 && handle->has_program && pcap_offline_filter(&handle->program, header, data) == 0);
    switch (status) {
    case 1:
        packet->seconds = (int64_t)header->ts.tv_sec;
        packet->nanoseconds = handle->nanosecond_timestamps
            ? (int64_t)header->ts.tv_usec
            : (int64_t)header->ts.tv_usec * 1000;
        packet->captured_length = header->caplen;
        packet->wire_length = header->len;
        packet->bytes = data;
        return PCS_NEXT_PACKET;
    case 0:
        return PCS_NEXT_NONE_YET;
    case PCAP_ERROR_BREAK:
        return PCS_NEXT_END;
    default:
        copy_message(handle->error, pcap_geterr(handle->pcap));
        return PCS_NEXT_ERROR;
    }
}

const char *pcs_last_error(pcs_handle *handle) {
    return handle->error;
}

int pcs_selectable_fd(pcs_handle *handle) {
    return pcap_get_selectable_fd(handle->pcap);
}

int pcs_poll_readable(const int *fds, int count, int timeout_ms, uint8_t *readable) {
    enum { MAX_FDS = 64 };
    struct pollfd entries[MAX_FDS];
    if (count < 0 || count > MAX_FDS) {
        errno = EINVAL;
        return -1;
    }
    for (int i = 0; i < count; i++) {
        entries[i].fd = fds[i];
        entries[i].events = POLLIN;
        entries[i].revents = 0;
        readable[i] = 0;
    }
    int ready = poll(entries, (nfds_t)count, timeout_ms);
    if (ready < 0) return errno == EINTR ? 0 : -1;
    for (int i = 0; i < count; i++) {
        // POLLERR/POLLHUP also mean "call read": pcap_next_ex reports the error.
        if (entries[i].revents & (POLLIN | POLLERR | POLLHUP)) readable[i] = 1;
    }
    return ready;
}

int64_t pcs_dropped_packets(pcs_handle *handle) {
    struct pcap_stat stats;
    if (pcap_stats(handle->pcap, &stats) != 0) return -1;
    return (int64_t)stats.ps_drop;
}

uint64_t pcs_packets_seen(pcs_handle *handle) {
    return handle->packets_seen;
}

void pcs_close(pcs_handle *handle) {
    if (handle == NULL) return;
    if (handle->has_program) pcap_freecode(&handle->program);
    pcap_close(handle->pcap);
    free(handle);
}

const char *pcs_library_version(void) {
    return pcap_lib_version();
}
