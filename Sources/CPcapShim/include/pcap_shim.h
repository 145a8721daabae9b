// Narrow C interface over libpcap for TrafficProbe.
//
// Swift sees only these functions and plain types: no pcap_t, no libpcap
// macros, no callbacks. Every function is safe to call with the handle it got
// from an open function; errors come back as return codes plus a message.
#ifndef POOLCHECK_PCAP_SHIM_H
#define POOLCHECK_PCAP_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Size of every error buffer passed in (>= libpcap's PCAP_ERRBUF_SIZE).
#define PCS_ERRBUF_SIZE 512

/// An open capture (file or device). Opaque to Swift.
typedef struct pcs_handle pcs_handle;

/// Why a live open failed (pcs_open_live's *failure); lets Swift give the
/// fix, not just the text.
#define PCS_OPEN_OK 0
#define PCS_OPEN_OTHER 1
#define PCS_OPEN_PERMISSION_DENIED 2
#define PCS_OPEN_NO_SUCH_DEVICE 3
#define PCS_OPEN_INTERFACE_DOWN 4

/// Results of pcs_next.
#define PCS_NEXT_PACKET 1
#define PCS_NEXT_NONE_YET 0   /* live, non-blocking: nothing buffered right now */
#define PCS_NEXT_ERROR (-1)   /* message in pcs_last_error */
#define PCS_NEXT_END (-2)     /* end of file */

/// One packet. `bytes` points into libpcap's buffer and is valid only until
/// the next pcs_next or pcs_close on the same handle; never read beyond
/// `captured_length`.
typedef struct {
    int64_t seconds;
    int64_t nanoseconds;
    uint32_t captured_length;
    uint32_t wire_length;
    const uint8_t *bytes;
} pcs_packet;

/// Opens a pcap or pcapng file with nanosecond timestamps. NULL on failure,
/// with the reason in errbuf.
pcs_handle *pcs_open_file(const char *path, char *errbuf);

/// Opens and activates a device for a bounded capture: immediate mode, the
/// given snap length and kernel buffer, non-blocking reads. NULL on failure,
/// with the reason in errbuf and its kind in *failure.
pcs_handle *pcs_open_live(const char *device, int snap_length, int buffer_bytes,
                          int *failure, char *errbuf);

/// The handle's DLT_ link type value.
int pcs_link_type(pcs_handle *handle);

/// libpcap's name for a DLT_ value ("EN10MB"), or NULL if it has none.
const char *pcs_link_type_name(int link_type);

/// Compiles and installs a BPF filter. 0 on success, -1 with errbuf filled.
/// A live handle's filter runs in the kernel; a file's runs in pcs_next.
int pcs_set_filter(pcs_handle *handle, const char *expression, char *errbuf);

/// Reads the next packet that passes the filter: one of the PCS_NEXT_ values.
int pcs_next(pcs_handle *handle, pcs_packet *packet);

/// Files: packets read from the file so far, whether or not they passed the
/// filter (so an empty file tells from one with nothing that matched). 0 for
/// live handles.
uint64_t pcs_packets_seen(pcs_handle *handle);

/// The last error text of this handle.
const char *pcs_last_error(pcs_handle *handle);

/// File descriptor to poll for readability (live captures), or -1.
int pcs_selectable_fd(pcs_handle *handle);

/// Waits until one of `fds` is readable or `timeout_ms` passes. Sets
/// readable[i] to 1 for ready descriptors. Returns the number ready, 0 on
/// timeout or signal interruption, -1 on error (errno set).
int pcs_poll_readable(const int *fds, int count, int timeout_ms, uint8_t *readable);

/// Packets the kernel dropped for this live handle, or -1 when unknown.
int64_t pcs_dropped_packets(pcs_handle *handle);

/// Closes the handle; NULL is allowed.
void pcs_close(pcs_handle *handle);

/// libpcap's version string.
const char *pcs_library_version(void);

#ifdef __cplusplus
}
#endif

#endif
